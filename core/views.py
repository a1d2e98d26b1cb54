from django.shortcuts import render
from django.views.decorators.http import require_safe

from committees import selectors as committee_selectors
from committees.choices import Role
from core.thaidate import current_fiscal_year


@require_safe
def home(request):
    """The landing page: the user's provinces and what is on for them."""
    user = request.user
    fy = current_fiscal_year()
    provinces = committee_selectors.province_list(user, fiscal_year=fy)
    access = user.access
    return render(
        request,
        "core/home.html",
        {
            "fiscal_year": fy,
            "provinces": provinces if not access.is_national else provinces.none(),
            "is_national": access.is_national,
            "roles_by_province": [(p, [Role(r).label for r in sorted(access.roles_in(p.pk))]) for p in provinces]
            if not access.is_national
            else [],
        },
    )
