"""The global accessibility layer every page inherits from base.html, through HTTP."""

import re

from django.contrib.staticfiles import finders

from committees.choices import Role


def _html(client, url):
    resp = client.get(url)
    assert resp.status_code == 200
    return resp.content.decode()


def test_every_page_has_landmarks_a_skip_link_and_a_favicon(world, client_for):
    html = _html(client_for(world.users[Role.SECRETARIAT]), "/meetings/")
    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip-link"' in first_link and 'href="#main"' in first_link
    assert '<main id="main"' in html
    assert "<header>" in html and "<footer" in html
    assert re.search(r'<nav [^>]*aria-label="เมนูหลัก"', html)
    assert 'aria-current="page"' in html  # the menu says where you are
    for icon in ("favicon.svg", "favicon.ico"):
        assert f'rel="icon" href="/static/{icon}"' in html
        assert finders.find(icon), f"{icon} is not a committed static file"


def test_titles_name_the_page_and_the_province(world, client_for):
    from tests.meetings.matrix import setup

    setup(world)
    meeting = world.meetings["own"]["past"]
    # a one-province user: their province on every page
    html = _html(client_for(world.users[Role.SECRETARIAT]), "/meetings/")
    assert re.search(r"<title>[^<]+ · สมุทรปราการ · ศปคม.จ.</title>", html)
    # a national officer: the province of the object the page is about
    national = client_for(world.users[Role.NATIONAL])
    assert "<title>ยะลา · ศปคม.จ.</title>" in _html(national, f"/provinces/{world.other.code}/")  # named once
    assert "· สมุทรปราการ · ศปคม.จ.</title>" in _html(national, f"/meetings/{meeting.pk}/")
    # and no province where the page is about all of them
    assert re.search(r"<title>[^<·]+ · ศปคม.จ.</title>", _html(national, "/provinces/"))


def test_the_page_language_follows_the_switch(world, client_for):
    client = client_for(world.users[Role.MEMBER])
    assert '<html lang="th">' in _html(client, "/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in _html(client, "/")


def test_form_errors_are_tied_to_their_fields(world, client_for):
    client = client_for(world.users[Role.SECRETARIAT])
    resp = client.post(f"/meetings/new/{world.own.code}/", {"date": "", "time": "", "place": ""})
    assert resp.status_code == 200
    html = resp.content.decode()
    field = re.search(r'<input[^>]*id="id_place"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
    assert "id_place_error" in described
    assert 'id="id_place_error"' in html
