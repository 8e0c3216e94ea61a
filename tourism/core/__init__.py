"""Cross-cutting pieces shared by every domain: errors, authorisation, time, types."""
