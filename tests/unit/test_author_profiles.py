from authors.profiles import parse_profile


def test_full_profile():
    profile, problems = parse_profile(
        "claire-fontaine",
        "Name: Claire Fontaine\nRole: RSSI\nOrganization: GHT Loire-Sud\n"
        "Photo: /images/claire.png\nLinks: https://a.example, https://b.example\n\n"
        "Une **biographie**.\n",
    )
    assert problems == []
    assert profile.author_id == "claire-fontaine"
    assert profile.name == "Claire Fontaine"
    assert profile.organization == "GHT Loire-Sud"
    assert profile.links == ("https://a.example", "https://b.example")
    assert profile.bio_markdown == "Une **biographie**."


def test_missing_name_is_a_french_problem():
    profile, problems = parse_profile("x", "Role: RSSI\n\nBio.")
    assert profile is None
    assert "Name:" in problems[0].message


def test_yaml_profile():
    profile, problems = parse_profile("x", "---\nname: Paul\nrole: DPO\n---\nBio.")
    assert problems == []
    assert (profile.name, profile.role) == ("Paul", "DPO")
