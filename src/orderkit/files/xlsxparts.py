"""The fixed parts of the one-sheet workbooks :mod:`orderkit.files.sheetwriter` writes.

Package relationships, content types, the workbook, its properties and its styles, as
Office Open XML defines them. Only the sheet name and the title are filled in.
"""

from __future__ import annotations

from typing import Final

FAULT_FILL: Final = "FFFFC7CE"  # Excel's own light red for "bad" cells

XML_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG: Final = "http://schemas.openxmlformats.org/package/2006"
TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES: Final = (
    f'{XML_DECLARATION}<Types xmlns="{PKG}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{TYPE}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
PACKAGE_RELS: Final = (
    f'{XML_DECLARATION}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{PKG}/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)
CORE: Final = (
    f'{XML_DECLARATION}<cp:coreProperties xmlns:cp="{PKG}/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>{title}</dc:title><dc:creator>orderkit</dc:creator></cp:coreProperties>"
)
WORKBOOK: Final = (
    f'{XML_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<bookViews><workbookView activeTab="0"/></bookViews>'
    '<sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS: Final = (
    f'{XML_DECLARATION}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
)
# Cell formats, in the order of GENERAL, TEXT, BOLD, FAULT_TEXT, FAULT_NUMBER. Text cells
# carry the "@" (text) format so a seller retyping 010… while fixing a row keeps the 0.
STYLES: Final = (
    f'{XML_DECLARATION}<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    f'<fill><patternFill patternType="solid"><fgColor rgb="{FAULT_FILL}"/>'
    '<bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyFont="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyFill="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
