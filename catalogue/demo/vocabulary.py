"""The words the demo catalogue is built from: the category tree, brands, and product parts.

Everything here is fixed text; the loader's seeded random choices combine it into
products, so the same seed always gives the same catalogue.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Subcategory:
    slug: str
    title: str
    intro: str
    # (name, low price, high price): a product type and its price band in euros
    kinds: tuple[tuple[str, int, int], ...]
    materials: tuple[str, ...]
    variants: tuple[str, ...]
    tags: tuple[str, ...]
    # extra specification rows as (name, choices)
    specs: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


@dataclass(frozen=True)
class TopCategory:
    slug: str
    title: str
    intro: str
    subcategories: tuple[Subcategory, ...]


CATEGORY_TREE: tuple[TopCategory, ...] = (
    TopCategory(
        "kitchen",
        "Kitchen",
        "Knives that hold an edge, pans that last a lifetime and the small tools a cook reaches for "
        "every day.",
        (
            Subcategory(
                "knives",
                "Knives",
                "Forged and stamped blades for every cut, from paring to carving.",
                (
                    ("Chef's knife", 45, 260),
                    ("Santoku", 40, 220),
                    ("Paring knife", 12, 70),
                    ("Bread knife", 25, 120),
                    ("Utility knife", 20, 90),
                    ("Carving knife", 35, 180),
                    ("Nakiri", 45, 210),
                ),
                ("carbon steel", "stainless steel", "Damascus steel", "VG-10 steel"),
                ("13 cm", "16 cm", "18 cm", "20 cm", "24 cm"),
                ("steel", "handmade", "professional"),
                (
                    ("Handle", ("olive wood", "walnut", "black pakkawood", "oak")),
                    ("Hardness", ("58 HRC", "60 HRC")),
                ),
            ),
            Subcategory(
                "cookware",
                "Cookware",
                "Pans and pots for the hob and the oven, built to spread heat evenly.",
                (
                    ("Frying pan", 30, 160),
                    ("Sauté pan", 45, 190),
                    ("Saucepan", 35, 150),
                    ("Dutch oven", 70, 320),
                    ("Wok", 30, 120),
                    ("Stockpot", 50, 210),
                ),
                ("cast iron", "carbon steel", "tri-ply stainless steel", "enamelled cast iron"),
                ("20 cm", "24 cm", "28 cm", "3 l", "5 l"),
                ("induction", "oven-safe", "everyday"),
                (
                    ("Hob", ("all hobs incl. induction", "gas and electric")),
                    ("Oven-safe to", ("220 °C", "260 °C")),
                ),
            ),
            Subcategory(
                "bakeware",
                "Bakeware",
                "Tins, trays and stones for bread, cakes and everything in between.",
                (
                    ("Loaf tin", 12, 45),
                    ("Springform tin", 15, 55),
                    ("Baking stone", 30, 90),
                    ("Proving basket", 10, 35),
                    ("Baking tray", 12, 40),
                ),
                ("aluminised steel", "cordierite", "rattan", "ceramic"),
                ("small", "medium", "large", "23 cm", "26 cm"),
                ("baking", "bread", "gift"),
            ),
            Subcategory(
                "utensils",
                "Utensils",
                "Spoons, spatulas and boards: the tools that never leave the counter.",
                (
                    ("Cutting board", 20, 110),
                    ("Wooden spoon", 6, 24),
                    ("Fish spatula", 10, 35),
                    ("Whisk", 8, 30),
                    ("Pepper mill", 20, 80),
                    ("Mortar and pestle", 25, 75),
                ),
                ("beech", "olive wood", "stainless steel", "granite", "walnut"),
                ("small", "medium", "large", "set of 3"),
                ("wood", "everyday", "gift"),
            ),
        ),
    ),
    TopCategory(
        "coffee-tea",
        "Coffee & Tea",
        "Everything for a better cup at home: brewers, grinders and the kit around them.",
        (
            Subcategory(
                "coffee-makers",
                "Coffee makers",
                "Pour-over, immersion and stovetop brewers for every routine.",
                (
                    ("Pour-over dripper", 15, 60),
                    ("French press", 25, 90),
                    ("Stovetop espresso maker", 30, 110),
                    ("Travel press", 30, 60),
                    ("Cold brew jug", 20, 55),
                ),
                ("borosilicate glass", "stainless steel", "porcelain", "aluminium"),
                ("1 cup", "3 cups", "6 cups", "1 l"),
                ("coffee", "brewing", "gift"),
                (("Capacity", ("350 ml", "600 ml", "1 l")),),
            ),
            Subcategory(
                "grinders",
                "Grinders",
                "Burr grinders, by hand and electric, for an even grind every time.",
                (("Hand grinder", 40, 220), ("Electric burr grinder", 90, 420), ("Spice grinder", 25, 80)),
                ("stainless steel", "aluminium", "walnut and steel"),
                ("standard", "travel", "pro"),
                ("coffee", "burr", "precision"),
                (("Burrs", ("38 mm conical", "48 mm conical", "64 mm flat")),),
            ),
            Subcategory(
                "teaware",
                "Teaware",
                "Teapots, cups and infusers for loose-leaf tea.",
                (("Teapot", 25, 120), ("Tea cup set", 20, 70), ("Infuser", 6, 25), ("Kettle", 40, 160)),
                ("cast iron", "porcelain", "stoneware", "glass"),
                ("0.5 l", "0.8 l", "1.2 l", "set of 2", "set of 4"),
                ("tea", "ceramic", "gift"),
            ),
        ),
    ),
    TopCategory(
        "outdoors",
        "Outdoors",
        "Cook and eat outside: camp kitchens, grills and picnic gear that packs small.",
        (
            Subcategory(
                "camp-kitchen",
                "Camp kitchen",
                "Stoves, pots and mugs light enough to carry and tough enough to last.",
                (
                    ("Camping stove", 35, 180),
                    ("Camp pot set", 25, 95),
                    ("Enamel mug", 8, 22),
                    ("Spork", 4, 14),
                ),
                ("titanium", "hard-anodised aluminium", "enamelled steel"),
                ("solo", "duo", "family"),
                ("camping", "lightweight", "outdoor"),
                (("Packed weight", ("85 g", "240 g", "560 g", "1.2 kg")),),
            ),
            Subcategory(
                "grilling",
                "Grilling",
                "Charcoal grills and the tools to go with them.",
                (
                    ("Charcoal grill", 80, 420),
                    ("Grill tongs", 12, 40),
                    ("Chimney starter", 20, 45),
                    ("Grill pan", 30, 90),
                ),
                ("cast iron", "stainless steel", "carbon steel"),
                ("compact", "standard", "large"),
                ("bbq", "outdoor", "summer"),
            ),
            Subcategory(
                "picnic",
                "Picnic",
                "Baskets, blankets and bottles for an afternoon in the park.",
                (
                    ("Picnic basket", 40, 160),
                    ("Insulated bottle", 18, 45),
                    ("Picnic blanket", 25, 80),
                    ("Food box", 12, 35),
                ),
                ("willow", "stainless steel", "recycled wool", "bamboo"),
                ("for 2", "for 4", "500 ml", "750 ml"),
                ("picnic", "outdoor", "summer", "gift"),
            ),
        ),
    ),
    TopCategory(
        "home-office",
        "Home office",
        "A calmer desk: lamps, organisers and paper goods for working from home.",
        (
            Subcategory(
                "desk-accessories",
                "Desk accessories",
                "Trays, stands and organisers that keep the desk clear.",
                (
                    ("Desk tray", 15, 60),
                    ("Laptop stand", 35, 120),
                    ("Monitor riser", 40, 140),
                    ("Pen cup", 8, 25),
                ),
                ("oak", "walnut", "powder-coated steel", "felt"),
                ("small", "large", "black", "natural"),
                ("desk", "wood", "minimal"),
            ),
            Subcategory(
                "lighting",
                "Lighting",
                "Desk and task lamps with warm, glare-free light.",
                (("Desk lamp", 45, 260), ("Clip lamp", 25, 80), ("Task light", 60, 220)),
                ("aluminium", "brass", "steel"),
                ("black", "white", "brass", "sage"),
                ("lighting", "led", "minimal"),
                (("Colour temperature", ("2700 K", "3000 K", "2700–5000 K")),),
            ),
            Subcategory(
                "stationery",
                "Stationery",
                "Notebooks, pens and planners for the work that still happens on paper.",
                (
                    ("Notebook", 8, 30),
                    ("Fountain pen", 20, 180),
                    ("Weekly planner", 12, 35),
                    ("Desk pad", 15, 45),
                ),
                ("recycled paper", "brass", "cotton paper", "aluminium"),
                ("A5", "A4", "pocket", "dotted", "lined"),
                ("paper", "writing", "gift"),
            ),
        ),
    ),
)

# (name, slug, description); ten makers, each reused across categories
BRANDS: tuple[tuple[str, str, str], ...] = (
    ("Nordhaus", "nordhaus", "Scandinavian kitchenware with clean lines and long warranties."),
    ("Ferro & Figlio", "ferro-figlio", "A family forge near Brescia making knives and pans since 1952."),
    ("Kestrel", "kestrel", "Lightweight outdoor kit designed in the Lake District."),
    ("Tanaka Works", "tanaka-works", "Hand-finished Japanese blades and tools from Seki."),
    ("Oak & Ember", "oak-ember", "Woodwork and grilling gear, made in small batches."),
    ("Brewline", "brewline", "Coffee brewers and grinders tuned by former baristas."),
    ("Paperfield", "paperfield", "Notebooks and desk goods on recycled and cotton papers."),
    ("Lumen Studio", "lumen-studio", "Lamps designed for long evenings of reading and work."),
    ("Highcamp", "highcamp", "Camp kitchens for people who cook properly outdoors."),
    ("Maison Verre", "maison-verre", "Glass and porcelain for the table, from a Lyon studio."),
)

# Model lines give products names people remember: "Fjord chef's knife, 20 cm".
LINES = (
    "Fjord",
    "Atlas",
    "Kiso",
    "Harbour",
    "Alder",
    "Ridge",
    "Aster",
    "Solstice",
    "Marlow",
    "Tide",
    "Birch",
    "Ember",
    "Nova",
    "Cove",
    "Linden",
    "Summit",
)

QUALITIES = (
    "Well balanced",
    "Hard-wearing",
    "Beautifully simple",
    "Light and sturdy",
    "Made to last",
    "Easy to care for",
    "Quietly clever",
    "Built for daily use",
)

BENEFITS = (
    "ready for years of daily use",
    "easy to clean and quick to dry",
    "finished by hand and checked twice",
    "sized for small kitchens and big appetites",
    "designed with cooks who use it every day",
    "backed by a ten-year warranty",
)

BODY_SENTENCES = (
    "We tested it for months in a busy kitchen before it earned a place in the shop.",
    "The finish is done by hand, so no two pieces look exactly alike.",
    "It is made in a small workshop that repairs what it sells.",
    "Everything that touches food is free of PFAS and other forever chemicals.",
    "The proportions were refined over several prototypes to feel right in the hand.",
    "Spare parts are available for as long as the model is made, and a few years beyond.",
    "Packed in recycled card without plastic, ready to give as a present.",
)

CARE = ("Hand wash and dry at once", "Dishwasher safe", "Wipe clean with a damp cloth", "Oil now and then")
ORIGINS = ("Germany", "Italy", "Japan", "Portugal", "Sweden", "United Kingdom", "France")

TAGS = ("bestseller", "new", "eco", "limited edition")

REVIEWERS: tuple[tuple[str, str], ...] = (
    ("Alex", "Moreau"),
    ("Priya", "Natarajan"),
    ("Jonas", "Berg"),
    ("Maya", "Okafor"),
    ("Luca", "Romano"),
    ("Hanna", "Lindqvist"),
    ("Tom", "Fischer"),
    ("Sofia", "Almeida"),
    ("Kenji", "Sato"),
    ("Claire", "Dubois"),
)

# Review text by rating: (title, body)
REVIEW_TEXTS: dict[int, tuple[tuple[str, str], ...]] = {
    5: (
        ("Worth every cent", "Solid, beautifully made and a joy to use. I reach for it every day."),
        ("Exactly as described", "Arrived quickly, well packed, and it is even better in person."),
        ("A real upgrade", "I replaced a cheap version with this and the difference is huge."),
    ),
    4: (
        ("Very good", "Great quality overall. Slightly heavier than I expected, but I got used to it."),
        ("Happy with it", "Does the job well and looks good doing it. Would buy again."),
    ),
    3: (
        ("Decent", "It works fine, though for the price I hoped for a better finish."),
        ("Okay", "Good enough for everyday use; nothing special."),
    ),
    2: (("Not for me", "The size was not what I needed; the quality itself seems fine."),),
    1: (("Disappointed", "Mine arrived with a scratch. Support was helpful, but still a shame."),),
}
RATING_WEIGHTS = {5: 45, 4: 30, 3: 13, 2: 7, 1: 5}

# (slug, title, intro, subcategory whose products the story features)
STORIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "sharpening-101",
        "Sharpening 101: keep your knives keen",
        "A sharp knife is a safe knife. Here is how we keep ours cutting like new.",
        "knives",
    ),
    (
        "the-perfect-pour-over",
        "The perfect pour-over, step by step",
        "Grind, bloom, pour: the three habits behind a sweet, clear cup.",
        "coffee-makers",
    ),
    (
        "cooking-at-camp",
        "Cooking properly at camp",
        "Leave the instant noodles at home: a real dinner needs only a few good tools.",
        "camp-kitchen",
    ),
    (
        "a-desk-that-works",
        "A desk that works for you",
        "Light, order and a good notebook: small changes that make long days easier.",
        "desk-accessories",
    ),
)

STORY_PARAGRAPHS = (
    "<p>We asked the people who make our favourite tools how they use them at home. "
    "Their answers were simpler than we expected: <b>buy fewer things, and look after them</b>.</p>",
    "<h2>What we use</h2><p>These are the pieces we reach for most. Prices and stock below are live, "
    "so what you see is what is on the shelf today.</p>",
    "<p>Whatever you choose, give it a little care now and then, and it will repay you for years.</p>",
)
