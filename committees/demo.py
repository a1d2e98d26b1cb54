"""Demo data: the demo accounts, a subcommittee per province, risk groups FY 2564-2568,
and the two real cases of DESIGN.md (Samut Prakan FY 2564, Yala). People are invented;
positions are real. Written directly (not through services): this is a fixture, run once.
"""

import datetime as dt

from committees.choices import ChairCapacity, GrantRole, MemberRole, NumberingBasis, RiskGroup
from committees.models import Member, Province, RiskGroupAssignment, RoleGrant, Subcommittee

DEMO_PASSWORD = "demo"

# Plausible groups: border and destination provinces watched more closely.
_SPECIAL_WATCH = {
    "57",
    "63",
    "27",
    "90",
    "85",
    "96",
    "20",
    "74",
}  # Chiang Rai, Tak, Sa Kaeo, Songkhla, Ranong, Narathiwat, Chon Buri, Samut Sakhon
_WATCH = {"50", "58", "71", "23", "22", "83", "82", "86", "95", "94", "10", "34", "43", "48", "84", "80"}
_MINOR = {"11", "12", "13", "14", "21", "24", "25", "30", "40", "41", "65", "70", "76", "77", "81", "91", "92", "93"}

FISCAL_YEARS = range(2564, 2569)


def _group_for(code: str, fiscal_year: int) -> str:
    if code == "11" and fiscal_year == 2564:
        return RiskGroup.C  # the real case in DESIGN.md
    base = "A" if code in _SPECIAL_WATCH else "B" if code in _WATCH else "C" if code in _MINOR else "D"
    # a province moves one step now and then, as real lists do
    if (int(code) + fiscal_year) % 7 == 0 and base != "A":
        base = chr(ord(base) - 1)
    return base


SAMUT_PRAKAN_MEMBERS = [
    (
        "นายประสิทธิ์ วงศ์ใหญ่",
        "ผู้ว่าราชการจังหวัดสมุทรปราการ",
        "ศาลากลางจังหวัดสมุทรปราการ",
        MemberRole.CHAIR,
        ChairCapacity.GOVERNOR,
    ),
    ("นายสมชาย รุ่งเรืองศรี", "รองผู้ว่าราชการจังหวัดสมุทรปราการ", "ศาลากลางจังหวัดสมุทรปราการ", MemberRole.VICE_CHAIR, ""),
    ("นายวีระ ทองดี", "ปลัดจังหวัดสมุทรปราการ", "ที่ทำการปกครองจังหวัด", MemberRole.MEMBER, ""),
    ("พล.ต.ต.อนันต์ ศักดิ์สิทธิ์", "ผู้บังคับการตำรวจภูธรจังหวัดสมุทรปราการ", "ตำรวจภูธรจังหวัด", MemberRole.MEMBER, ""),
    ("พ.ต.อ.ไพโรจน์ แก้วมณี", "ผู้กำกับการตรวจคนเข้าเมืองจังหวัดสมุทรปราการ", "ตรวจคนเข้าเมืองจังหวัด", MemberRole.MEMBER, ""),
    ("นางสาวกนกวรรณ ศรีสุข", "แรงงานจังหวัดสมุทรปราการ", "สำนักงานแรงงานจังหวัด", MemberRole.MEMBER, ""),
    ("นายธนพล มั่นคง", "จัดหางานจังหวัดสมุทรปราการ", "สำนักงานจัดหางานจังหวัด", MemberRole.MEMBER, ""),
    (
        "นางพรทิพย์ เจริญผล",
        "สวัสดิการและคุ้มครองแรงงานจังหวัดสมุทรปราการ",
        "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
        MemberRole.MEMBER,
        "",
    ),
    ("นายแพทย์ชัยวัฒน์ สุขใจ", "นายแพทย์สาธารณสุขจังหวัดสมุทรปราการ", "สำนักงานสาธารณสุขจังหวัด", MemberRole.MEMBER, ""),
    ("นางสุดารัตน์ พรหมมา", "ศึกษาธิการจังหวัดสมุทรปราการ", "สำนักงานศึกษาธิการจังหวัด", MemberRole.MEMBER, ""),
    ("นายอำนาจ ใจกว้าง", "อัยการจังหวัดสมุทรปราการ", "สำนักงานอัยการจังหวัด", MemberRole.MEMBER, ""),
    ("นายสุรชัย บุญมา", "ท้องถิ่นจังหวัดสมุทรปราการ", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", MemberRole.MEMBER, ""),
    ("นายประเสริฐ ทะเลงาม", "ประมงจังหวัดสมุทรปราการ", "สำนักงานประมงจังหวัด", MemberRole.MEMBER, ""),
    ("นางวันเพ็ญ รักษ์ไทย", "ประชาสัมพันธ์จังหวัดสมุทรปราการ", "สำนักงานประชาสัมพันธ์จังหวัด", MemberRole.MEMBER, ""),
    ("นายกิตติ ศรีวิชัย", "หัวหน้าสำนักงานจังหวัดสมุทรปราการ", "สำนักงานจังหวัด", MemberRole.MEMBER, ""),
    (
        "นางสาวรัชนี ดวงแก้ว",
        "ผู้อำนวยการบ้านพักเด็กและครอบครัวจังหวัดสมุทรปราการ",
        "บ้านพักเด็กและครอบครัวจังหวัด",
        MemberRole.MEMBER,
        "",
    ),
    (
        "นายสมบัติ คงทน",
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมุทรปราการ เขต 1",
        "สพป.สมุทรปราการ เขต 1",
        MemberRole.MEMBER,
        "",
    ),
    ("นางมาลี ใจดี", "ผู้แทนมูลนิธิเพื่อการพัฒนาเด็ก", "องค์กรพัฒนาเอกชน", MemberRole.MEMBER, ""),
    ("นายบุญส่ง อาสา", "ประธานเครือข่ายอาสาสมัครพัฒนาสังคม (อพม.) จังหวัดสมุทรปราการ", "เครือข่าย อพม.", MemberRole.MEMBER, ""),
    ("นางอรุณี พัฒนศักดิ์", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสมุทรปราการ", "สนง.พมจ.สมุทรปราการ", MemberRole.SECRETARY, ""),
    ("นางสาวจิราพร ขยันงาน", "หัวหน้ากลุ่มการพัฒนาสังคมและสวัสดิการ", "สนง.พมจ.สมุทรปราการ", MemberRole.ASSISTANT_SECRETARY, ""),
]

YALA_MEMBERS = [
    ("นายอับดุลเลาะ สาและ", "ปลัดจังหวัดยะลา", "ที่ทำการปกครองจังหวัดยะลา", MemberRole.CHAIR, ChairCapacity.PERMANENT_SECRETARY),
    ("นายธีรพงษ์ ศรีสวัสดิ์", "รองผู้ว่าราชการจังหวัดยะลา", "ศาลากลางจังหวัดยะลา", MemberRole.VICE_CHAIR, ""),
    ("พ.ต.อ.มะรอนิง ดอเลาะ", "รองผู้บังคับการตำรวจภูธรจังหวัดยะลา", "ตำรวจภูธรจังหวัด", MemberRole.MEMBER, ""),
    ("พ.ต.ท.สมศักดิ์ เพชรรัตน์", "สารวัตรตรวจคนเข้าเมืองจังหวัดยะลา", "ตรวจคนเข้าเมืองจังหวัด", MemberRole.MEMBER, ""),
    ("นางนูรีซัน มะแซ", "แรงงานจังหวัดยะลา", "สำนักงานแรงงานจังหวัด", MemberRole.MEMBER, ""),
    ("นายอิสมาแอ ยูโซะ", "จัดหางานจังหวัดยะลา", "สำนักงานจัดหางานจังหวัด", MemberRole.MEMBER, ""),
    (
        "นางสาวฟาตีเมาะ เจ๊ะเลาะ",
        "สวัสดิการและคุ้มครองแรงงานจังหวัดยะลา",
        "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
        MemberRole.MEMBER,
        "",
    ),
    ("นายแพทย์สุไลมาน อาแว", "นายแพทย์สาธารณสุขจังหวัดยะลา", "สำนักงานสาธารณสุขจังหวัด", MemberRole.MEMBER, ""),
    ("นายรอซาลี ดือราแม", "ศึกษาธิการจังหวัดยะลา", "สำนักงานศึกษาธิการจังหวัด", MemberRole.MEMBER, ""),
    ("นายชาตรี บุญประเสริฐ", "อัยการจังหวัดยะลา", "สำนักงานอัยการจังหวัด", MemberRole.MEMBER, ""),
    ("นางสาวนิรมล แวมามุ", "ท้องถิ่นจังหวัดยะลา", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", MemberRole.MEMBER, ""),
    ("นายซูกิฟลี หะยีอาแว", "ผู้อำนวยการศูนย์อำนวยการบริหารจังหวัดชายแดนภาคใต้ (ผู้แทน)", "ศอ.บต.", MemberRole.MEMBER, ""),
    ("นางสาวรุสนี สะมะแอ", "ผู้อำนวยการบ้านพักเด็กและครอบครัวจังหวัดยะลา", "บ้านพักเด็กและครอบครัวจังหวัด", MemberRole.MEMBER, ""),
    ("นางฮาลีเมาะ ยะโกะ", "ผู้แทนเครือข่ายสตรีชายแดนใต้", "องค์กรพัฒนาเอกชน", MemberRole.MEMBER, ""),
    ("นายมูฮัมหมัด ตาเยะ", "ประธานเครือข่าย อพม. จังหวัดยะลา", "เครือข่าย อพม.", MemberRole.MEMBER, ""),
    ("นางสาวอัมพร ทองคำ", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดยะลา", "สนง.พมจ.ยะลา", MemberRole.SECRETARY, ""),
    ("นายฮาริส สาแม", "นักพัฒนาสังคมชำนาญการพิเศษ", "สนง.พมจ.ยะลา", MemberRole.ASSISTANT_SECRETARY, ""),
]

# username -> (full name, position, {province code: grant role}, member seat (province, index))
DEMO_USERS = {
    "national": ("นางสาวสุภาพร ต่อต้าน", "นักพัฒนาสังคมชำนาญการ กองต่อต้านการค้ามนุษย์", {None: GrantRole.NATIONAL}, None),
    "sp-secretariat": ("นางสาวจิราพร ขยันงาน", "เจ้าหน้าที่ สนง.พมจ.สมุทรปราการ", {"11": GrantRole.SECRETARIAT}, None),
    "sp-chair": ("นายประสิทธิ์ วงศ์ใหญ่", "ผู้ว่าราชการจังหวัดสมุทรปราการ", {}, ("11", 0)),
    "sp-member": ("นางสาวกนกวรรณ ศรีสุข", "แรงงานจังหวัดสมุทรปราการ", {}, ("11", 5)),
    "yala-secretariat": ("นายฮาริส สาแม", "เจ้าหน้าที่ สนง.พมจ.ยะลา", {"95": GrantRole.SECRETARIAT}, None),
    "yala-member": ("นางนูรีซัน มะแซ", "แรงงานจังหวัดยะลา", {}, ("95", 4)),
    "proposer": ("นายบุญส่ง อาสา", "ประธานเครือข่าย อพม.", {"11": GrantRole.PROPOSER, "95": GrantRole.PROPOSER}, None),
    "viewer": (
        "นางสาววิภา ตรวจสอบ",
        "ผู้ตรวจราชการ (อ่านอย่างเดียว)",
        {"11": GrantRole.VIEWER, "24": GrantRole.VIEWER},
        None,
    ),
}


def subcommittee_name(province: Province) -> str:
    if province.code == "10":
        return "คณะอนุกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์กรุงเทพมหานคร"
    return f"คณะอนุกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{province.name_th}"


def load(ctx: dict | None = None) -> dict:
    from accounts.models import User

    provinces = {p.code: p for p in Province.objects.all()}
    subcommittees = {}
    for code, province in provinces.items():
        sc, _ = Subcommittee.objects.get_or_create(
            province=province,
            defaults={
                "name": subcommittee_name(province),
                "numbering_basis": NumberingBasis.FISCAL if code == "95" else NumberingBasis.CALENDAR,
                "secretariat_office": f"สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{province.name_th}",
            },
        )
        subcommittees[code] = sc
        for fy in FISCAL_YEARS:
            RiskGroupAssignment.objects.get_or_create(
                province=province,
                fiscal_year=fy,
                defaults={
                    "group": _group_for(code, fy),
                    "source_document": f"หนังสือกองต่อต้านการค้ามนุษย์ ที่ พม 0211/ว {100 + fy % 100} (ข้อมูลสาธิต)",
                },
            )
    seats = {}
    for code, rows, start in (
        ("11", SAMUT_PRAKAN_MEMBERS, dt.date(2020, 10, 1)),
        ("95", YALA_MEMBERS, dt.date(2022, 10, 1)),
    ):
        for i, (name, position, agency, role, capacity) in enumerate(rows):
            m, _ = Member.objects.get_or_create(
                subcommittee=subcommittees[code],
                full_name=name,
                defaults={
                    "position": position,
                    "agency": agency,
                    "role": role,
                    "chair_capacity": capacity,
                    "term_start": start,
                    "order": i + 1,
                    "email": f"member{i + 1}.{code}@example.go.th",
                },
            )
            seats[(code, i)] = m
    users = {}
    for username, (full_name, position, grants, seat) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "position": position, "email": f"{username}@example.go.th"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for code, role in grants.items():
            RoleGrant.objects.get_or_create(user=user, role=role, province=provinces[code] if code else None)
        if seat:
            member = seats[seat]
            if member.user_id != user.pk:
                member.user = user
                member.save(update_fields=["user"])
        users[username] = user
    # Never under production settings (seed_demo passes False there): the first account comes from createsuperuser.
    if (ctx or {}).get("create_superuser", True) and not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.go.th", DEMO_PASSWORD, full_name="ผู้ดูแลระบบ")
    return {
        "users": users,
        "subcommittees": subcommittees,
        "provinces": provinces,
        "seats": seats,
        # seed_demo prints these (core names no domain)
        "demo_accounts": DEMO_USERS,
        "demo_password": DEMO_PASSWORD,
    }
