"""The words the demo catalogue is built from: the category tree, brands, and product parts.

Everything here is fixed text; the loader's seeded random choices combine it into
products, so the same seed always gives the same catalogue.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    """A product type, its price band in euros, and what it is made of.

    ``variants`` and ``materials`` replace the subcategory's when set: a fountain pen is
    not sold by paper size, nor made of recycled paper.
    """

    name: str
    low: int
    high: int
    variants: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subcategory:
    slug: str
    title: str
    intro: str
    kinds: tuple[Kind, ...]
    materials: tuple[str, ...]
    # The variant ends the product name ("Fjord chef's knife, walnut") and heads a spec row.
    variant_label: str
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
                    Kind("Chef's knife", 45, 260),
                    Kind("Santoku", 40, 220),
                    Kind("Paring knife", 12, 70),
                    Kind("Bread knife", 25, 120),
                    Kind("Utility knife", 20, 90),
                    Kind("Carving knife", 35, 180),
                    Kind("Nakiri", 45, 210),
                ),
                ("carbon steel", "stainless steel", "Damascus steel", "VG-10 steel"),
                "Handle",
                ("olive wood", "walnut", "black pakkawood", "oak"),
                ("steel", "handmade", "professional"),
                (("Hardness", ("58 HRC", "60 HRC", "61 HRC")),),
            ),
            Subcategory(
                "cookware",
                "Cookware",
                "Pans and pots for the hob and the oven, built to spread heat evenly.",
                (
                    Kind("Frying pan", 30, 160),
                    Kind("Sauté pan", 45, 190),
                    Kind(
                        "Saucepan",
                        35,
                        150,
                        ("16 cm", "18 cm", "20 cm"),
                        ("tri-ply stainless steel", "copper"),
                    ),
                    Kind(
                        "Dutch oven",
                        70,
                        320,
                        ("3.8 l", "5.3 l", "6.7 l"),
                        ("cast iron", "enamelled cast iron"),
                    ),
                    Kind("Wok", 30, 120, ("30 cm", "36 cm")),
                    Kind("Stockpot", 50, 210, ("6 l", "8 l", "12 l")),
                ),
                ("cast iron", "carbon steel", "tri-ply stainless steel", "enamelled cast iron"),
                "Size",
                ("20 cm", "24 cm", "28 cm"),
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
                    Kind("Loaf tin", 12, 45, ("450 g", "900 g"), ("aluminised steel", "ceramic")),
                    Kind("Springform tin", 15, 55, ("20 cm", "23 cm", "26 cm"), ("aluminised steel",)),
                    Kind("Baking stone", 30, 90, materials=("cordierite",)),
                    Kind("Proving basket", 10, 35, ("round", "oval"), ("rattan", "wood pulp")),
                    Kind("Baking tray", 12, 40, materials=("aluminised steel", "stainless steel")),
                ),
                ("aluminised steel", "cordierite", "rattan", "ceramic"),
                "Size",
                ("small", "medium", "large"),
                ("baking", "bread", "gift"),
            ),
            Subcategory(
                "utensils",
                "Utensils",
                "Spoons, spatulas and boards: the tools that never leave the counter.",
                (
                    Kind("Cutting board", 20, 110, materials=("beech", "olive wood", "walnut")),
                    Kind("Wooden spoon", 6, 24, ("single", "set of 3"), ("beech", "olive wood")),
                    Kind("Fish spatula", 10, 35, ("standard", "left-handed"), ("stainless steel",)),
                    Kind("Whisk", 8, 30, ("20 cm", "30 cm"), ("stainless steel",)),
                    Kind(
                        "Pepper mill",
                        20,
                        80,
                        ("14 cm", "18 cm", "22 cm"),
                        ("beech", "walnut", "stainless steel"),
                    ),
                    Kind("Mortar and pestle", 25, 75, materials=("granite", "marble")),
                ),
                ("beech", "olive wood", "stainless steel", "granite", "walnut"),
                "Size",
                ("small", "medium", "large"),
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
                    Kind(
                        "Pour-over dripper",
                        15,
                        60,
                        ("1–2 cups", "2–4 cups"),
                        ("porcelain", "borosilicate glass", "stainless steel"),
                    ),
                    Kind("French press", 25, 90, materials=("borosilicate glass", "stainless steel")),
                    Kind("Stovetop espresso maker", 30, 110, materials=("aluminium", "stainless steel")),
                    Kind("Travel press", 30, 60, ("350 ml",), ("stainless steel",)),
                    Kind("Cold brew jug", 20, 55, ("1 l", "1.5 l"), ("borosilicate glass",)),
                ),
                ("borosilicate glass", "stainless steel", "porcelain", "aluminium"),
                "Capacity",
                ("3 cups", "6 cups", "8 cups"),
                ("coffee", "brewing", "gift"),
            ),
            Subcategory(
                "grinders",
                "Grinders",
                "Burr grinders, by hand and electric, for an even grind every time.",
                (
                    Kind("Hand grinder", 40, 220),
                    Kind("Electric burr grinder", 90, 420),
                    Kind("Spice grinder", 25, 80),
                ),
                ("stainless steel", "aluminium", "walnut and steel"),
                "Finish",
                ("matte black", "brushed steel", "white"),
                ("coffee", "burr", "precision"),
                (("Burrs", ("38 mm conical", "48 mm conical", "64 mm flat")),),
            ),
            Subcategory(
                "teaware",
                "Teaware",
                "Teapots, cups and infusers for loose-leaf tea.",
                (
                    Kind("Teapot", 25, 120, ("0.5 l", "0.8 l", "1.2 l")),
                    Kind("Tea cup set", 20, 70, ("set of 2", "set of 4"), ("porcelain", "stoneware")),
                    Kind("Infuser", 6, 25, ("mug size", "teapot size"), ("stainless steel",)),
                    Kind("Kettle", 40, 160, ("1 l", "1.5 l"), ("stainless steel", "enamelled steel")),
                ),
                ("cast iron", "porcelain", "stoneware", "glass"),
                "Size",
                ("small", "large"),
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
                    Kind("Camping stove", 35, 180, ("solo", "two-burner"), ("stainless steel", "aluminium")),
                    Kind(
                        "Camp pot set",
                        25,
                        95,
                        ("solo", "duo", "family"),
                        ("titanium", "hard-anodised aluminium"),
                    ),
                    Kind("Enamel mug", 8, 22, materials=("enamelled steel",)),
                    Kind("Spork", 4, 14, materials=("titanium",)),
                ),
                ("titanium", "hard-anodised aluminium", "enamelled steel"),
                "Colour",
                ("olive", "sand", "graphite"),
                ("camping", "lightweight", "outdoor"),
                (("Packed weight", ("85 g", "240 g", "560 g", "1.2 kg")),),
            ),
            Subcategory(
                "grilling",
                "Grilling",
                "Charcoal grills and the tools to go with them.",
                (
                    Kind("Charcoal grill", 80, 420, ("47 cm", "57 cm"), ("enamelled steel", "cast iron")),
                    Kind("Grill tongs", 12, 40, ("30 cm", "40 cm"), ("stainless steel",)),
                    Kind("Chimney starter", 20, 45, materials=("galvanised steel",)),
                    Kind("Grill pan", 30, 90, materials=("cast iron", "carbon steel")),
                ),
                ("cast iron", "stainless steel", "carbon steel"),
                "Size",
                ("compact", "standard", "large"),
                ("bbq", "outdoor", "summer"),
            ),
            Subcategory(
                "picnic",
                "Picnic",
                "Baskets, blankets and bottles for an afternoon in the park.",
                (
                    Kind("Picnic basket", 40, 160, ("for 2", "for 4"), ("willow",)),
                    Kind("Insulated bottle", 18, 45, ("500 ml", "750 ml", "1 l"), ("stainless steel",)),
                    Kind("Picnic blanket", 25, 80, materials=("recycled wool", "cotton")),
                    Kind("Food box", 12, 35, materials=("stainless steel", "bamboo fibre")),
                ),
                ("willow", "stainless steel", "recycled wool", "bamboo"),
                "Colour",
                ("forest green", "ochre", "navy"),
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
                    Kind("Desk tray", 15, 60, materials=("oak", "walnut", "felt", "powder-coated steel")),
                    Kind("Laptop stand", 35, 120, materials=("aluminium", "oak", "walnut")),
                    Kind("Monitor riser", 40, 140, materials=("oak", "walnut", "powder-coated steel")),
                    Kind("Pen cup", 8, 25, materials=("oak", "walnut", "felt", "ceramic")),
                ),
                ("oak", "walnut", "powder-coated steel", "felt"),
                "Size",
                ("small", "large"),
                ("desk", "wood", "minimal"),
            ),
            Subcategory(
                "lighting",
                "Lighting",
                "Desk and task lamps with warm, glare-free light.",
                (Kind("Desk lamp", 45, 260), Kind("Clip lamp", 25, 80), Kind("Task light", 60, 220)),
                ("aluminium", "brass", "steel"),
                "Colour",
                ("black", "white", "brass", "sage"),
                ("lighting", "led", "minimal"),
                (("Colour temperature", ("2700 K", "3000 K", "2700–5000 K")),),
            ),
            Subcategory(
                "stationery",
                "Stationery",
                "Notebooks, pens and planners for the work that still happens on paper.",
                (
                    Kind(
                        "Notebook",
                        8,
                        30,
                        ("A5 dotted", "A5 lined", "A4 plain", "pocket"),
                        ("recycled paper", "cotton paper"),
                    ),
                    Kind(
                        "Fountain pen",
                        20,
                        180,
                        ("fine nib", "medium nib", "broad nib"),
                        ("brass", "aluminium", "resin"),
                    ),
                    Kind("Weekly planner", 12, 35, ("A5", "A6"), ("recycled paper",)),
                    Kind("Desk pad", 15, 45, ("A3", "A2"), ("felt", "cork")),
                ),
                ("recycled paper", "brass", "cotton paper", "aluminium"),
                "Format",
                ("A5", "A4"),
                ("paper", "writing", "gift"),
            ),
        ),
    ),
)

# (name, slug, description, top categories the maker sells in)
BRANDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Nordhaus",
        "nordhaus",
        "Scandinavian kitchenware with clean lines and long warranties.",
        ("kitchen", "coffee-tea", "home-office"),
    ),
    (
        "Ferro & Figlio",
        "ferro-figlio",
        "A family forge near Brescia making knives and pans since 1952.",
        ("kitchen",),
    ),
    ("Kestrel", "kestrel", "Lightweight outdoor kit designed in the Lake District.", ("outdoors",)),
    ("Tanaka Works", "tanaka-works", "Hand-finished Japanese blades and tools from Seki.", ("kitchen",)),
    (
        "Oak & Ember",
        "oak-ember",
        "Woodwork and grilling gear, made in small batches.",
        ("kitchen", "outdoors", "home-office"),
    ),
    ("Brewline", "brewline", "Coffee brewers and grinders tuned by former baristas.", ("coffee-tea",)),
    ("Paperfield", "paperfield", "Notebooks and desk goods on recycled and cotton papers.", ("home-office",)),
    (
        "Lumen Studio",
        "lumen-studio",
        "Lamps designed for long evenings of reading and work.",
        ("home-office",),
    ),
    ("Highcamp", "highcamp", "Camp kitchens for people who cook properly outdoors.", ("outdoors",)),
    (
        "Maison Verre",
        "maison-verre",
        "Glass and porcelain for the table, from a Lyon studio.",
        ("kitchen", "coffee-tea"),
    ),
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
    "Orion",
    "Meadow",
    "Cedar",
    "Halden",
    "Juniper",
    "Kasai",
    "Lumo",
    "Mistral",
    "Nordic",
    "Oriel",
    "Pavo",
    "Quill",
    "Rowan",
    "Sable",
    "Tamarack",
    "Umber",
    "Vale",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Arden",
    "Bramble",
    "Corvid",
    "Dune",
)

# Read both before the noun and after "is": "Hard-wearing kettle", "The kettle is hard-wearing".
QUALITIES = (
    "Hard-wearing",
    "Beautifully simple",
    "Light and sturdy",
    "Quietly clever",
    "Well made",
    "Robust",
    "Elegant",
    "Thoughtfully designed",
)

BENEFITS = (
    "ready for years of daily use",
    "easy to clean and quick to dry",
    "finished by hand and checked twice",
    "sized to fit where it is needed",
    "designed with people who use it every day",
    "backed by a ten-year warranty",
)

BODY_SENTENCES = (
    "We tested it for months in a busy kitchen before it earned a place in the shop.",
    "The finish is done by hand, so no two pieces look exactly alike.",
    "It is made in a small workshop that repairs what it sells.",
    "Every material was chosen to age well and to be repaired rather than replaced.",
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
