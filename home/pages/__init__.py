"""The page base every page type shares: SEO fields, privacy in SQL, content rules, rich text, the admin form."""
