"""Demo data of the reports app: none. Reports are built on request (never during seed_demo,
which must stay fast); the demo chair asks for the FY 2564 annual report on the reports page."""


def load(ctx: dict) -> dict | None:
    return None
