"""The one error type readers raise: a message a planning officer can act on."""


class IngestError(Exception):
    """A file that cannot be read as a document. str(e) is one line naming the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
