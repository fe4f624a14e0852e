"""Pull-request review: the diff report, who may change what, and the CODEOWNERS that says it to GitHub."""
