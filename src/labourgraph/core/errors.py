"""The one exception type that the CLI turns into a single clear line on stderr.

Every stage raises `LabourgraphError` for problems caused by the user's input (a bad corpus
file, an unknown query, a malformed curation file) so that the CLI can print one line and exit
non-zero without a traceback, while genuine bugs still surface with their traceback.
"""


class LabourgraphError(Exception):
    """A problem with the user's input, reported as one line."""

    exit_code = 2
