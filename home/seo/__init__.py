"""SEO: the rules, head tags and previews, sitemap and robots.txt, the audit and the workflow's SEO check."""
