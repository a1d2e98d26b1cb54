from committees.choices import Role


def test_login_is_locked_after_repeated_failures(world, client):
    user = world.users[Role.MEMBER]
    for _ in range(5):
        client.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    resp = client.post("/accounts/login/", {"username": user.username, "password": "pw"})
    assert resp.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in resp.content.decode()


def test_a_good_login_lands_on_home(world, client):
    resp = client.post("/accounts/login/", {"username": world.users[Role.MEMBER].username, "password": "pw"})
    assert resp.status_code == 302 and resp["Location"] == "/"


def test_pages_carry_a_content_security_policy(world, client_for):
    resp = client_for(world.users[Role.MEMBER]).get("/")
    assert "script-src 'self'" in resp["Content-Security-Policy"]


def test_the_interface_is_thai_and_english_is_available(world, client_for):
    c = client_for(world.users[Role.MEMBER])
    assert '<html lang="th">' in c.get("/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = c.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Sign out" in english and "ออกจากระบบ" not in english


def test_api_lists_only_provinces_in_scope(world, client_for):
    data = client_for(world.users[Role.MEMBER]).get("/api/v1/provinces/").json()
    assert [p["code"] for p in data["results"]] == [world.own.code]
    assert client_for(world.users[Role.MEMBER]).get(f"/api/v1/provinces/{world.other.code}/").status_code == 404
    # no credentials: 401 with a JSON error and a Bearer challenge (token auth), never a login redirect
    assert client_for(None).get("/api/v1/provinces/").status_code == 401


def test_the_policy_header_is_django_csps_own(world, client_for, settings):
    """core/csp.py builds the header once per process: the text is django-csp's, a settings change
    is followed, a view's own policy (django-csp's decorators) and excluded prefixes still apply."""
    from csp.utils import build_policy

    c = client_for(world.users[Role.MEMBER])
    first = c.get("/")["Content-Security-Policy"]
    assert first == build_policy() and c.get("/")["Content-Security-Policy"] == first
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/provinces/"],
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "blob:"]},
    }
    assert "blob:" in c.get("/")["Content-Security-Policy"]
    assert "Content-Security-Policy" not in c.get("/provinces/")


def test_a_view_may_still_change_its_own_policy(rf):
    from csp.decorators import csp_update
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from core.csp import CSPMiddleware

    @csp_update({"img-src": ["blob:"]})
    def view(request):
        return HttpResponse("x")

    request = rf.get("/x/")
    request.user = AnonymousUser()
    mw = CSPMiddleware(view)
    own = mw(request)["Content-Security-Policy"]
    plain = CSPMiddleware(lambda r: HttpResponse("x"))(rf.get("/y/"))["Content-Security-Policy"]
    assert "blob:" in own and "blob:" not in plain
