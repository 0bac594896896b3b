"""Read a .docx with python-docx and print what an editor would see, as JSON:
every paragraph's style name and text (table cells included), the list
numbering of list paragraphs, table styles, the core properties and the
document language. Used by the Go tests of export/docx."""
import json
import sys

import docx
from docx.oxml.ns import qn


def outline_level(style):
    """The outline level a paragraph style gives (0 for Heading 1), through
    the styles it is based on; None when it gives none."""
    seen = 0
    while style is not None and seen < 20:
        ppr = style.element.pPr
        if ppr is not None:
            el = ppr.find(qn("w:outlineLvl"))
            if el is not None:
                return int(el.get(qn("w:val")))
        style = style.base_style
        seen += 1
    return None


def fields(p):
    """The field instructions in a paragraph (complex and simple fields)."""
    out = [el.text.strip() for el in p._p.iter(qn("w:instrText")) if el.text]
    out += [el.get(qn("w:instr")).strip() for el in p._p.iter(qn("w:fldSimple"))]
    return out


def footer(f):
    if f is None or f.is_linked_to_previous:
        return None
    return [{"style": p.style.name if p.style is not None else "", "text": p.text,
             "fields": fields(p)} for p in f.paragraphs]


def paragraph(p):
    out = {"style": p.style.name if p.style is not None else "", "text": p.text}
    lvl = outline_level(p.style)
    if lvl is not None and lvl < 9:
        out["outline"] = lvl + 1
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
        "inline_shapes": [{"width": s.width, "height": s.height,
                           "descr": s._inline.docPr.get("descr") or "",
                           "pic_descr": "".join(e.get("descr") or "" for e in s._inline.iter(
                               "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"))}
                          for s in d.inline_shapes],
        "sections": [{"page_width": s.page_width, "page_height": s.page_height,
                      "left": s.left_margin, "right": s.right_margin,
                      "title_page": bool(s.different_first_page_header_footer),
                      "footer": footer(s.footer),
                      "first_page_footer": footer(s.first_page_footer)} for s in d.sections],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
