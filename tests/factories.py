"""factory_boy factories shared by every app's tests."""

import datetime as dt

import factory

from accounts.models import User
from committees.choices import GrantRole, MemberRole
from committees.models import Member, Province, RoleGrant, Subcommittee


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="th_TH")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.th")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "pw")
        if create:
            self.save(update_fields=["password"])


def province(code: str) -> Province:
    """Provinces are loaded by a migration; tests look them up by code."""
    return Province.objects.get(code=code)


class SubcommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subcommittee
        django_get_or_create = ("province",)

    province = factory.LazyFunction(lambda: province("11"))
    name = factory.LazyAttribute(lambda s: f"คณะอนุกรรมการ ศปคม.จ. {s.province.name_th}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    subcommittee = factory.SubFactory(SubcommitteeFactory)
    full_name = factory.Faker("name", locale="th_TH")
    position = factory.Sequence(lambda n: f"ตำแหน่งทดสอบ {n}")
    agency = "หน่วยงานทดสอบ"
    role = MemberRole.MEMBER
    term_start = dt.date(2020, 10, 1)
    email = factory.Sequence(lambda n: f"m{n}@example.go.th")


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = GrantRole.SECRETARIAT
    province = factory.LazyFunction(lambda: province("11"))
