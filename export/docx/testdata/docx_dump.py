"""Read a .docx with python-docx and print what an editor would see, as JSON:
every paragraph's style name and text (table cells included), the list
numbering of list paragraphs, table styles, the core properties and the
document language. Used by the Go tests of export/docx."""
import json
import sys

import docx
from docx.oxml.ns import qn


def paragraph(p):
    out = {"style": p.style.name if p.style is not None else "", "text": p.text}
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None:
        out["numId"] = int(ppr.numPr.numId.val) if ppr.numPr.numId is not None else 0
        out["ilvl"] = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
    return out


def main(path):
    d = docx.Document(path)
    paras = [paragraph(p) for p in d.paragraphs]
    tables = []
    for t in d.tables:
        tables.append({
            "style": t.style.name if t.style is not None else "",
            "rows": [[c.text for c in r.cells] for r in t.rows],
        })
    cp = d.core_properties
    lang = ""
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        el = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang"))
        if el is not None:
            lang = el.get(qn("w:val"))
    styles = {}
    for s in d.styles:
        styles[s.name] = {"id": s.style_id, "type": str(s.type)}
        try:
            styles[s.name]["font"] = s.font.name or ""
        except Exception:
            pass
    print(json.dumps({
        "paragraphs": paras,
        "tables": tables,
        "core": {
            "title": cp.title, "subject": cp.subject, "author": cp.author,
            "last_modified_by": cp.last_modified_by, "keywords": cp.keywords,
            "created": cp.created.isoformat() if cp.created else "",
            "modified": cp.modified.isoformat() if cp.modified else "",
            "language": cp.language,
        },
        "language": lang,
        "styles": styles,
        "inline_shapes": [{"width": s.width, "height": s.height} for s in d.inline_shapes],
        "sections": [{"page_width": s.page_width, "page_height": s.page_height,
                      "left": s.left_margin, "right": s.right_margin} for s in d.sections],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
