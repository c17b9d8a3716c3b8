"""What the forms' drafts share: the files attached while a form is filled in."""

from __future__ import annotations

from pydantic import AliasChoices, Field

from handlers.conversation import Draft
from usecases.evidence import Attachment


class FileDraft(Draft):
    """A file kept for a form (its bytes are stored already, by hash)."""

    sha256: str = Field(validation_alias=AliasChoices("sha256", "sha"))
    kind: str = "image"
    file_name: str = Field("", validation_alias=AliasChoices("file_name", "name"))
    line_message_id: str | None = Field(
        None, validation_alias=AliasChoices("line_message_id", "id")
    )

    def attachment(self) -> Attachment:
        return Attachment(self.sha256, self.kind, self.file_name, self.line_message_id)
