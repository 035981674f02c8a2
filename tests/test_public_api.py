"""The public names of the onrecord package are pinned."""
import onrecord


def test_public_api_exports():
    assert sorted(onrecord.__all__) == sorted([
        "Actor", "Amount", "Analyzer", "Article", "Event", "Failure", "InputError", "ModelNotFound",
        "OffsetError", "OnrecordError", "Record", "Settings", "Statement", "TextSpan", "analyze",
        "analyze_many", "__version__"])
    for name in onrecord.__all__:
        assert hasattr(onrecord, name)
