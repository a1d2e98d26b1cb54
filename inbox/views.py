from django.shortcuts import render
from django.views.decorators.http import require_safe

from committees.choices import Role
from core.thaidate import current_fiscal_year
from inbox.selectors import inbox_for, my_provinces


@require_safe
def home(request):
    """The personal inbox: what waits for the user, with counts and one link each, then their provinces."""
    user = request.user
    fy = current_fiscal_year()
    access = user.access
    provinces = [] if access.is_national else my_provinces(user, fiscal_year=fy)
    return render(
        request,
        "inbox/home.html",
        {
            "fiscal_year": fy,
            "items": inbox_for(user),
            "is_national": access.is_national,
            "roles_by_province": [
                (p, [Role(r).label for r in sorted(access.roles_in(p.pk))], access.can_read_province(p.pk))
                for p in provinces
            ],
            "has_any_role": bool(access.all_roles),
        },
    )
