"""Page serving: URL routing, the page cache, cache generations, CDN purges, the menu."""
