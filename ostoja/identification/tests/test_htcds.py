"""The explicit mapping between the centre's values, HTCDS 2.0 and CTDC."""

import re

import pytest
from django.utils import translation

from ostoja.identification import htcds
from ostoja.identification.codes import Authority, HtcdsOrganisation, HtcdsStatus
from ostoja.identification.profile_codes import ExploitationForm, MeansOfControl, RecruiterRelation


def test_status_and_organisation_use_the_standards_value_names():
    assert set(HtcdsStatus.values) == {
        "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking",
    }  # fmt: skip
    assert set(HtcdsOrganisation.values) == {
        "Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other",
    }  # fmt: skip
    from ostoja.identification.codes import AUTHORITY_TO_HTCDS

    assert AUTHORITY_TO_HTCDS[Authority.OTHER] == HtcdsOrganisation.NON_POLICE_GOVERNMENTAL


def test_every_stored_code_is_mapped_to_a_value_of_the_standard():
    assert set(htcds.EXPLOITATION_TO_HTCDS) == set(ExploitationForm.values)
    assert set(htcds.MEANS_TO_HTCDS) == set(MeansOfControl.values)
    assert set(htcds.RELATION_TO_HTCDS) == set(RecruiterRelation.values)
    for values in htcds.EXPLOITATION_TO_HTCDS.values():
        assert set(values) <= set(htcds.HTCDS_TYPES_OF_EXPLOITATION)
    assert set(htcds.MEANS_TO_HTCDS.values()) <= set(htcds.HTCDS_METHODS_OF_CONTROL)
    assert set(htcds.RELATION_TO_HTCDS.values()) - {""} <= set(htcds.HTCDS_RELATIONSHIPS)


@pytest.mark.parametrize(
    ("forms", "minor", "expected_htcds", "expected_ctdc"),
    [
        (
            ["forced_begging"],
            True,
            ["ForcedBegging", "ChildLabour"],
            ["isForcedLabour", "typeOfLabourBegging"],
        ),
        (["isForcedLabour"], False, ["ForcedLabour"], ["isForcedLabour"]),
        (["illegal_adoption"], False, ["ForcedAdoption"], ["isOtherExploit"]),
        (["surrogacy"], False, ["Surrogacy"], ["isOtherExploit"]),
        (["isSexAndLabour"], True, ["SexualExploitation", "ForcedLabour", "ChildLabour"], ["isSexAndLabour"]),
        (["isForcedMilitary"], False, ["ForcedMilitaryByNonStateActors"], ["isForcedMilitary"]),
        (
            ["forced_criminal_activities"],
            False,
            ["Other"],
            ["isForcedLabour", "typeOfLabourIllicitActivities"],
        ),
    ],
)
def test_forms_of_exploitation_own_htcds_ctdc(forms, minor, expected_htcds, expected_ctdc):
    assert htcds.exploitation_htcds(forms, minor=minor) == expected_htcds
    assert htcds.exploitation_ctdc(forms) == expected_ctdc


def test_means_of_control_and_relationship():
    assert htcds.means_htcds(["meansOfControlThreatOfLawEnforcement", "meansOfControlPsychoactiveSubstances"]) == [
        "ThreatsLawEnforcement", "PsychoactiveSubstance",
    ]  # fmt: skip
    # Restricting access to one's children is not a threat against them: no HTCDS value but Other.
    assert htcds.means_htcds([MeansOfControl.USES_CHILDREN]) == ["Other"]
    assert htcds.relations_htcds(["recruiterRelationIntimatePartner", "recruiterRelationFamily"]) == [
        "Acquainted", "Familial",
    ]  # fmt: skip
    assert htcds.relations_htcds([RecruiterRelation.UNKNOWN]) == []


def test_the_label_for_uses_children_says_what_it_means():
    with translation.override("pl"):
        label = str(MeansOfControl.USES_CHILDREN.label)
    assert re.search(r"ogranicz\w* dostęp\w* do\b.*dzieci", label, re.IGNORECASE), label
    with translation.override("en"):
        assert "access" in str(MeansOfControl.USES_CHILDREN.label)
