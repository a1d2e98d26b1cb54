"""Issue #12: the page chrome ({% once %}) is rendered once per process per menu and language,
never holds a per-request value, and every reader gets the menu of their own roles."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from committees.choices import Role

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    return Template("{% load once i18n %}" + source).render(Context(context))


def test_the_body_is_rendered_once_per_key_and_language():
    source = "{% once menu %}{% for m in menu %}{{ m }}{% endfor %}{% translate 'ค้นหา' %}{% endonce %}"
    template = Template("{% load once i18n %}" + source)
    assert template.render(Context({"menu": ("a", "b")})) == "abค้นหา"
    assert template.render(Context({"menu": ("c",)})) == "cค้นหา"  # another key, rendered afresh
    with translation.override("en"):
        assert template.render(Context({"menu": ("a", "b")})) == "abSearch"


@pytest.mark.parametrize(
    "source",
    [
        "{% once %}{% csrf_token %}{% endonce %}",
        "{% once %}{{ user }}{% endonce %}",
        "{% once menu %}{{ request.path }}{% endonce %}",
        "{% once %}{% if user.is_staff %}x{% endif %}{% endonce %}",
        "{% once %}{% for x in rows %}{{ x }}{% endfor %}{% endonce %}",
        "{% once %}{% url 'committees:province' code %}{% endonce %}",
    ],
)
def test_nothing_per_request_may_go_inside(source):
    with pytest.raises(TemplateSyntaxError):
        _render(source)


def test_each_reader_gets_the_menu_of_their_own_roles(world, client_for):
    national = client_for(world.users[Role.NATIONAL])
    member = client_for(world.other_users[Role.MEMBER])
    for _ in range(2):  # the second round is served from the rendered pieces
        n = national.get("/").content.decode()
        m = member.get("/").content.decode()
        assert 'href="/accounts/roles/"' in n or "สิทธิ์ผู้ใช้" in n.split("</nav>")[0]
        assert "สิทธิ์ผู้ใช้" not in m.split("</nav>")[0]
        assert "กำหนดกลุ่มจังหวัด" in n.split("</nav>")[0] and "กำหนดกลุ่มจังหวัด" not in m.split("</nav>")[0]
        assert str(world.other_users[Role.MEMBER]) in m and str(world.users[Role.NATIONAL]) not in m


def test_the_active_menu_entry_follows_the_page(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    meetings = c.get("/meetings/").content.decode().split("</nav>")[0]
    plans = c.get("/plans/").content.decode().split("</nav>")[0]
    assert 'href="/meetings/" aria-current="page"' in meetings
    assert 'href="/plans/" aria-current="page"' in plans and 'href="/meetings/" aria-current' not in plans


def test_no_block_may_go_inside():
    """A child template's block would be cached as the first page's; and Django's per-render walk
    for blocks skips the bodies of {% once %} (issue #12), so a block there would not be found."""
    with pytest.raises(TemplateSyntaxError):
        _render("{% once %}{% block content %}{% endblock content %}{% endonce %}")


def test_a_child_template_still_fills_the_blocks_around_the_once_bodies(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    for _ in range(2):
        page = c.get("/meetings/").content.decode()
        assert "<title>" in page and "ศปคม.จ.</title>" in page
        assert page.count('id="main"') == 1 and "</footer>" in page


def test_the_menu_key_is_the_menu_in_any_language():
    from inbox.navigation import NavItem, NavMenu

    a = NavMenu([NavItem("หน้าหลัก", "/", "house", True), NavItem("จังหวัด", "/provinces/", "geo-alt", False)])
    b = NavMenu([NavItem("หน้าหลัก", "/", "house", True), NavItem("จังหวัด", "/provinces/", "geo-alt", False)])
    c = NavMenu([NavItem("หน้าหลัก", "/", "house", False), NavItem("จังหวัด", "/provinces/", "geo-alt", True)])
    assert a == b and hash(a) == hash(b)
    assert a != c and len({a, b, c}) == 2
