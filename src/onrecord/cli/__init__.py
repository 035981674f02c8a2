"""The command line: `onrecord analyze`, `onrecord eval`."""
