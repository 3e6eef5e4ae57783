# Writes the page-copy fixtures byte for byte. All stories are invented.
import os
def w(name, text, nl="\n", bom=False, final=True):
    data = text.replace("\n", nl)
    if not final:
        assert data.endswith(nl)
        data = data[: -len(nl)]
    b = data.encode("utf-8")
    if bom:
        b = b"\xef\xbb\xbf" + b
    open(name, "wb").write(b)

FULL = """Lighthouse Keepers Return to Gull Point After Twenty Years

Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
TT
27

Lighthouse Keepers Return to Gull Point After Twenty Years

Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)

A volunteer society has taken over the Gull Point lighthouse, which stood
empty since its last keeper retired two decades ago.

"We want the light to be a place people visit again," said the society's
chair, a retired ferry captain.

Guided tours will start in the spring.
"""
w("full-lf.txt", FULL)
w("full-crlf.txt", FULL, nl="\r\n")
w("full-bom.txt", FULL, bom=True)
w("full-no-final-newline.txt", FULL, final=False)
w("full-crlf-bom-no-final-newline.txt", FULL, nl="\r\n", bom=True, final=False)
# trailing spaces and tabs on every kind of line, and on blank lines
lines = FULL.split("\n")
w("full-trailing-spaces.txt", "\n".join(l + (" \t " if i % 2 else "   ") for i, l in enumerate(lines)))

w("arabic.txt", """افتتاح أول مكتبة عائمة على نهر الفرات

متطوعون يرتبون الكتب على متن المكتبة العائمة قرب الناصرية (رويترز)
متطوعون يرتبون الكتب على متن المكتبة العائمة قرب الناصرية (رويترز)
أطفال يقرؤون على سطح القارب (أ.ف.ب)
TT
12

افتتاح أول مكتبة عائمة على نهر الفرات

متطوعون يرتبون الكتب على متن المكتبة العائمة قرب الناصرية (رويترز)
متطوعون يرتبون الكتب على متن المكتبة العائمة قرب الناصرية (رويترز)
أطفال يقرؤون على سطح القارب (أ.ف.ب)

افتتحت جمعية محلية أول مكتبة عائمة على نهر الفرات، وهي قارب خشبي
قديم حُوّل إلى قاعة قراءة تتسع لعشرين شخصا.

وقال أحد المتطوعين إن المكتبة ستتوقف في قرية مختلفة كل أسبوع.
""")

w("several-photos.txt", """Night Market Draws Record Crowds on River Quay

Stalls line the river quay after sunset (AFP/Getty Images)
Stalls line the river quay after sunset (AFP/Getty Images)
A cook turns skewers over charcoal (Reuters)
A vendor counts paper lanterns (AP Photo)
TT
1204

Night Market Draws Record Crowds on River Quay

Stalls line the river quay after sunset (AFP/Getty Images)
Stalls line the river quay after sunset (AFP/Getty Images)
A cook turns skewers over charcoal (Reuters)
A vendor counts paper lanterns (AP Photo)

More than ten thousand people visited the night market on Friday, its
organisers said.

The market opens every weekend until the end of summer.
""")

w("no-widgets.txt", """School Choir Wins Regional Contest

Choir members rehearse in the school hall (Valley Echo)
Choir members rehearse in the school hall (Valley Echo)

School Choir Wins Regional Contest

Choir members rehearse in the school hall (Valley Echo)
Choir members rehearse in the school hall (Valley Echo)

The choir of Millbrook Primary won the regional contest on Sunday.

Its teacher said the children had practised every lunch break.
""")

w("no-second-headline.txt", """Tram Line Extension Opens Two Months Early

The first tram leaves the new Eastgate stop (City Transit)
The first tram leaves the new Eastgate stop (City Transit)
TT
88

The first tram leaves the new Eastgate stop (City Transit)
The first tram leaves the new Eastgate stop (City Transit)

The extension adds four stops to the eastern line.

Works finished two months ahead of the plan.
""")

w("caption-without-credit.txt", """Bakery Celebrates a Century on Mill Street

The bakery's original oven, still in use
The bakery's original oven, still in use
TT
9

Bakery Celebrates a Century on Mill Street

The bakery's original oven, still in use
The bakery's original oven, still in use

The Hollis family bakery turned one hundred on Monday.
""")

w("wrapped-paragraphs.txt", """Storm Closes Mountain Pass for Three Days

Snow ploughs wait at the foot of the pass (Alpine Daily)
TT
3

Storm Closes Mountain Pass for Three Days

Snow ploughs wait at the foot of the pass (Alpine Daily)

The pass was closed on Tuesday
after more than a metre of snow
fell overnight, the road authority said.

Drivers were sent through the valley road,
which adds an hour to the journey.
""")

w("number-paragraph.txt", """Village Counts Its Oldest Trees

A surveyor measures an oak by the church (Parish News)
TT
5

Village Counts Its Oldest Trees

A surveyor measures an oak by the church (Parish News)

Volunteers counted every tree older than a century. The total came to

212

That is more than in any neighbouring parish.

TT
""")

w("several-articles.txt", """Ferry Timetable Changes From Monday

The morning ferry leaves at seven (Port Gazette)
TT
4

Ferry Timetable Changes From Monday

The morning ferry leaves at seven (Port Gazette)

The first ferry will leave half an hour earlier from Monday.


Library Extends Opening Hours

Readers in the new reading room (Town Hall)
TT
2

Library Extends Opening Hours

Readers in the new reading room (Town Hall)

The library will stay open until nine on weekdays.

Weekend hours do not change.



Cycling Lane Painted on Harbour Road

Cyclists will have their own lane on Harbour Road by the end of the month.
""")

w("widget-only-stretch.txt", """Museum Reopens After Roof Repair

Visitors queue at the museum door (Museum Press Office)
TT
31

Museum Reopens After Roof Repair

Visitors queue at the museum door (Museum Press Office)

The museum reopened on Saturday after a year of repairs.


TT
7


Bridge Inspection Finds No Damage

Engineers found no damage to the old bridge after the flood.
""")

w("bare-credit-line.txt", """Orchard Harvest Begins Early

Pickers fill crates in the hillside orchard (Farm Journal)

Warm weather brought the apple harvest forward by two weeks.
""")

w("bare-doubled-line.txt", """Swimming Pool Gets Solar Heating

Panels on the roof of the pool building
Panels on the roof of the pool building

The pool will be heated by the sun from next season.
""")

w("bare-paragraph.txt", """Council Approves New Playground

The playground will be built next to the community centre.

Work starts in March.
""")

w("bare-paragraph-in-parentheses.txt", """Council Delays Vote on Parking Fees

Members asked for more time (two weeks)
and for a study of the town centre (by spring)

The vote is now planned for the next meeting.
""")

w("body-repeats-caption.txt", """Harbour Seal Pup Returned to the Sea

Rescuers carry the pup to the water (Marine Rescue)
TT
14

Harbour Seal Pup Returned to the Sea

Rescuers carry the pup to the water (Marine Rescue)

The pup was found alone on the beach a month ago.
Rescuers carry the pup to the water (Marine Rescue)
It has doubled its weight since then.

Rescuers carry the pup to the water

Volunteers watched it swim away.
""")

w("mostly-latin-with-arabic.txt", """Poetry Evening Brings Two Languages Together

Poets from both sides of the river read their work on Thursday.

One reader opened with a line in Arabic, «صباح الخير», before switching to English.
""")

w("markdown-like-paragraphs.txt", """Quiz Night Results

The results of the quiz, in the order they were read out:

1. The Lighthouse Team

# 2 on the board

- and the rest

> a quote from the host

*Bold* claims and _underlined_ answers, [a bracket] and <a tag>

A path C:\\quiz\\results and `code` and &amp; and snake_case_name

2019

+ plus

=== equals
""")

w("near-duplicate.txt", """Lighthouse Keepers Return to Gull Point After Twenty Years

Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
TT
31

Lighthouse Keepers Return to Gull Point After Twenty Years

Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)
Volunteers repaint the lantern room at Gull Point lighthouse (Staff photo/Coast Weekly)

A volunteer society has taken over the Gull Point lighthouse, which has stood
empty since its last keeper retired two decades ago.

"We want the light to be a place people visit again," said the society's
chair, a retired ferry captain.

Guided tours will start in April.
""")

# bad input
open("empty.txt", "wb").write(b"")
open("blank-only.txt", "wb").write(b"\n  \n\t\n\n")
open("bom-only.txt", "wb").write(b"\xef\xbb\xbf")
open("not-utf8.txt", "wb").write("Caf\u00e9 Opens on the Square\n\nThe new caf".encode() + b"\xe9" + b" opened on Friday.\n")
open("binary.bin", "wb").write(b"Header line\n\x00\x01\x02\x03\x89PNG\r\n\x1a\n")
open("control-byte.txt", "wb").write(b"Quiet Street\n\nA line with a bell \x07 in it.\n")
