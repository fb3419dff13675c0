"""The pledge on the projector: large type that fits the screen, stepped through point by point.

Entry point: ``open_presenter(parent, store, event)``. The operator steps with the keyboard or a
presenter clicker (which sends PageDown/PageUp); a controller window can forward keys with
``PresenterWindow.handle_key`` or call the ``next``/``previous`` slots directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from PySide6.QtCore import Property, QRect, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QWidget

from events.model import Event, EventKind

MIN_PIXEL_SIZE = 10
LINE_HEIGHT_PERCENT = 115


class PledgeLike(Protocol):
    """What the presenter reads of a pledge text (read-only, as a frozen PledgeText has it)."""

    @property
    def title(self) -> str: ...
    @property
    def opening(self) -> str: ...
    @property
    def points(self) -> tuple[str, ...]: ...
    @property
    def closing(self) -> str: ...


@dataclass(frozen=True)
class Theme:
    background: QColor
    text: QColor  # the current part and the title
    dimmed: QColor  # the parts not being read now
    accent: QColor  # the bar beside the current part
    header: QColor  # institution and event title


THEMES = {
    "dark": Theme(QColor("#0b2a5b"), QColor("#ffffff"), QColor("#7f95bd"), QColor("#ffc83d"),
                  QColor("#dfe7f5")),
    "light": Theme(QColor("#ffffff"), QColor("#000000"), QColor("#9a9fa6"), QColor("#b3001b"),
                   QColor("#1f2933")),
}


@dataclass(frozen=True)
class PresenterLayout:
    """Where everything goes for one window size.

    Attributes:
        header: the band with the logo, the institution and the event title.
        body: the area the pledge text must fit in.
        footer: the small line with the step indicator.
        pixel_size: the body font's pixel size chosen so the whole text fits.
        text_height: the laid-out document's height at that size (<= body height).
        text_width: the laid-out document's widest line (<= body width).
    """

    header: QRect
    body: QRect
    footer: QRect
    pixel_size: int
    text_height: float
    text_width: float

    def fits(self) -> bool:
        return (self.text_height <= self.body.height()
                and self.text_width <= self.body.width())


def _one_block(text: str) -> str:
    """Keep a multi-line point in one paragraph (lines broken with a line separator)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\u2028".join(line for line in lines if line)


def build_document(pledge: PledgeLike, pixel_size: int, width: float, step: int | None = None,
                   theme: Theme | None = None, family: str = "") -> QTextDocument:
    """The pledge laid out at ``pixel_size`` for ``width``; part number ``step`` (of
    :func:`pledge_parts`) in full colour and the others dimmed (None: all in full colour).
    Colour never changes the layout, so the size that fits one step fits all."""
    theme = theme or THEMES["dark"]
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont(family) if family else QFont()
    font.setPixelSize(pixel_size)
    doc.setDefaultFont(font)
    doc.setIndentWidth(pixel_size * 1.7)
    doc.setTextWidth(width)
    gap = pixel_size * 0.55

    def colour(part: int | None) -> QColor:
        if step is None or part is None or part == step:
            return theme.text
        return theme.dimmed

    def char_format(part: int | None, bold: bool = False, scale: float = 1.0) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(colour(part))
        part_font = QFont(font)
        part_font.setPixelSize(max(1, round(pixel_size * scale)))
        part_font.setBold(bold)
        fmt.setFont(part_font)
        return fmt

    def block_format(align=Qt.AlignmentFlag.AlignLeft, after: float = gap) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        fmt.setBottomMargin(after)
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # QTextBlockFormat.ProportionalHeight
        return fmt

    cursor = QTextCursor(doc)
    title_format = char_format(None, bold=True, scale=1.08)
    cursor.setBlockFormat(block_format(Qt.AlignmentFlag.AlignHCenter, gap * 1.6))
    cursor.setBlockCharFormat(title_format)
    cursor.insertText(_one_block(pledge.title), title_format)

    parts = pledge_parts(pledge)
    points_list = None
    last_point = max((i for i, (kind, _) in enumerate(parts) if kind == "point"), default=-1)
    for index, (kind, text) in enumerate(parts):
        fmt = char_format(index)
        after = gap * (1.3 if (kind == "opening" or index == last_point) else 1.0)
        cursor.insertBlock(block_format(after=after), fmt)
        if kind == "point":
            if points_list is None:
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDecimal)
                list_format.setIndent(1)
                points_list = cursor.createList(list_format)
            else:
                points_list.add(cursor.block())
        cursor.insertText(_one_block(text), fmt)
    return doc


def pledge_parts(pledge: PledgeLike) -> list[tuple[str, str]]:
    """The parts read one after another, as (kind, text): the opening, each point, the
    closing; an empty opening or closing is no part (no step without text)."""
    parts = [("opening", pledge.opening)] if pledge.opening.strip() else []
    parts += [("point", point) for point in pledge.points]
    if pledge.closing.strip():
        parts.append(("closing", pledge.closing))
    return parts


def part_blocks(doc: QTextDocument) -> list:
    """The blocks after the title, one per step, in step order."""
    blocks = []
    block = doc.begin().next()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def fit_pixel_size(pledge: PledgeLike, width: int, height: int, family: str = "",
                   largest: int = 400) -> tuple[int, float, float]:
    """The largest body pixel size at which the whole pledge fits in width x height, found
    by bisection on the real text layout; (size, laid-out height, laid-out width)."""

    def measure(size: int) -> tuple[float, float]:
        doc = build_document(pledge, size, width, family=family)
        return doc.size().height(), doc.idealWidth()

    low, high = MIN_PIXEL_SIZE, max(MIN_PIXEL_SIZE, largest)
    best = (low, *measure(low))
    while low <= high:
        middle = (low + high) // 2
        text_height, text_width = measure(middle)
        if text_height <= height and text_width <= width:
            best = (middle, text_height, text_width)
            low = middle + 1
        else:
            high = middle - 1
    return best


def compute_layout(pledge: PledgeLike, size: QSize, family: str = "") -> PresenterLayout:
    """Header, body and footer for a window of ``size``, and the font size that fits."""
    w, h = size.width(), size.height()
    margin_x = round(w * 0.045)
    margin_y = round(h * 0.03)
    header_h = round(h * 0.095)
    footer_h = max(16, round(h * 0.035))
    header = QRect(margin_x, margin_y, w - 2 * margin_x, header_h)
    body_top = header.bottom() + 1 + round(h * 0.035)
    footer = QRect(margin_x, h - margin_y // 2 - footer_h, w - 2 * margin_x, footer_h)
    body = QRect(margin_x, body_top, w - 2 * margin_x,
                 footer.top() - round(h * 0.02) - body_top)
    # a very short text must not grow to poster size: at most about 11 lines on the screen
    largest = max(MIN_PIXEL_SIZE, round(body.height() / 11 / (LINE_HEIGHT_PERCENT / 100)))
    pixel_size, text_height, text_width = fit_pixel_size(
        pledge, body.width(), body.height(), family, largest)
    return PresenterLayout(header, body, footer, pixel_size, text_height, text_width)


S = TypeVar("S")


def choose_screen(screens: Sequence[S], operator_screen: S | None) -> S | None:
    """The screen to present on: the first one that is not the operator's; None with one."""
    if len(screens) < 2:
        return None
    for screen in screens:
        if screen is not operator_screen:
            return screen
    return None


class PresenterWindow(QWidget):
    """The pledge in large type for the collective reading.

    Step 0 is the opening, steps 1..n the points, step n+1 the closing (an empty opening or
    closing is skipped); the current part is in full colour with a bar beside it, the others
    dimmed.

    Keys: PageDown, Right, Down, Space, Return: next; PageUp, Left, Up, Backspace: previous;
    Home/End: first/last; F5 or F11: full screen on/off; B or '.': blank screen on/off
    (clickers' "black screen" button); T: light/dark colours; Esc: close.

    Attributes:
        pledge: the text shown (title, opening, points, closing).
        shown_event: the event, for the logo, the institution and the event title.
        theme_name: "dark" (white on dark blue) or "light" (black on white).
        blank: True while the screen is blanked.

    Signals:
        stepChanged(int): the current step changed.
    """

    stepChanged = Signal(int)

    def __init__(self, pledge: PledgeLike, event: Event, parent=None, theme: str = "dark"):
        super().__init__(parent, Qt.WindowType.Window)
        self.pledge = pledge
        self.shown_event = event
        self.theme_name = theme if theme in THEMES else "dark"
        self.blank = False
        self._step = 0
        self._layout: PresenterLayout | None = None
        self._layout_size = QSize()  # the size _layout was computed for
        self._logo = QPixmap()
        if event.logo:
            self._logo.loadFromData(event.logo)
        self.setWindowTitle(self.tr("Ikrar \u2014 {0}").format(event.name))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(False)
        self.setMinimumSize(480, 320)
        self.resize(1024, 640)

    # --- steps ---

    def step_count(self) -> int:
        return max(1, len(pledge_parts(self.pledge)))

    def _get_step(self) -> int:
        return self._step

    def set_step(self, step: int) -> None:
        step = max(0, min(self.step_count() - 1, step))
        if step != self._step:
            self._step = step
            self.update()
            self.stepChanged.emit(step)

    step = Property(int, _get_step, set_step, notify=stepChanged)

    @Slot()
    def next(self) -> None:  # noqa: A003 - the natural name for a clicker's "next"
        self.set_step(self._step + 1)

    @Slot()
    def previous(self) -> None:
        self.set_step(self._step - 1)

    @Slot()
    def first(self) -> None:
        self.set_step(0)

    @Slot()
    def last(self) -> None:
        self.set_step(self.step_count() - 1)

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    @Slot()
    def toggle_blank(self) -> None:
        self.blank = not self.blank
        self.update()

    @Slot()
    def toggle_theme(self) -> None:
        self.theme_name = "light" if self.theme_name == "dark" else "dark"
        self.update()

    def set_pledge(self, pledge: PledgeLike) -> None:
        """Show another text (after the organizer changed it); back to the opening."""
        self.pledge = pledge
        self._layout = None
        self._step = 0
        self.update()
        self.stepChanged.emit(0)

    def step_label(self, step: int | None = None) -> str:
        step = self._step if step is None else step
        parts = pledge_parts(self.pledge)
        if not 0 <= step < len(parts):
            return ""
        kind = parts[step][0]
        if kind == "opening":
            return self.tr("Pembukaan")
        if kind == "closing":
            return self.tr("Penutup")
        first_point = 1 if parts[0][0] == "opening" else 0
        return self.tr("Butir {0} dari {1}").format(step - first_point + 1,
                                                   len(self.pledge.points))

    def handle_key(self, key: int) -> bool:
        """Act on a key (also one forwarded from the operator's window); True when used."""
        key = Qt.Key(key)
        forward = (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space,
                   Qt.Key.Key_Return, Qt.Key.Key_Enter)
        back = (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace)
        if key in forward:
            self.next()
        elif key in back:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key in (Qt.Key.Key_F5, Qt.Key.Key_F11):
            self.toggle_full_screen()
        elif key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.toggle_blank()
        elif key == Qt.Key.Key_T:
            self.toggle_theme()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle_key(event.key()):
            super().keyPressEvent(event)

    # --- layout and painting ---

    def presenter_layout(self) -> PresenterLayout:
        """The layout for the current size (computed once per size and text)."""
        if self._layout is None or self._layout_size != self.size():
            self._layout_size = QSize(self.size())
            self._layout = compute_layout(self.pledge, self.size())
        return self._layout

    def current_document(self) -> QTextDocument:
        layout = self.presenter_layout()
        return build_document(self.pledge, layout.pixel_size, layout.body.width(), self._step,
                              THEMES[self.theme_name])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._layout = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        theme = THEMES[self.theme_name]
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.fillRect(self.rect(), theme.background)
            if self.blank:
                painter.fillRect(self.rect(), QColor("#000000"))
                return
            layout = self.presenter_layout()
            self._paint_header(painter, layout, theme)
            self._paint_body(painter, layout, theme)
            self._paint_footer(painter, layout, theme)
        finally:
            painter.end()

    def _paint_header(self, painter: QPainter, layout: PresenterLayout, theme: Theme) -> None:
        header = layout.header
        left = header.left()
        if not self._logo.isNull():
            logo = self._logo.scaled(header.height(), header.height(),
                                     Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(left, header.top() + (header.height() - logo.height()) // 2, logo)
            left += logo.width() + round(header.height() * 0.3)
        text_rect = QRect(left, header.top(), header.right() - left, header.height())
        institution = self.shown_event.institution.strip()
        small = QFont()
        small.setPixelSize(max(8, round(header.height() * 0.24)))
        big = QFont()
        big.setPixelSize(max(9, round(header.height() * 0.31)))
        big.setBold(True)
        painter.setPen(theme.header)
        if institution:
            top = QRect(text_rect.left(), text_rect.top() + round(header.height() * 0.08),
                        text_rect.width(), round(header.height() * 0.38))
            painter.setFont(small)
            painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(
                                 institution.upper(), Qt.TextElideMode.ElideRight, top.width()))
            rest = QRect(text_rect.left(), top.bottom(), text_rect.width(),
                         text_rect.bottom() - top.bottom())
        else:
            rest = text_rect
        painter.setFont(big)
        painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(
                             self.shown_event.name, Qt.TextElideMode.ElideRight, rest.width()))
        painter.setPen(theme.dimmed)
        y = header.bottom() + round(self.height() * 0.015)
        painter.drawLine(header.left(), y, header.right(), y)

    def _paint_body(self, painter: QPainter, layout: PresenterLayout, theme: Theme) -> None:
        doc = build_document(self.pledge, layout.pixel_size, layout.body.width(), self._step,
                             theme)
        height = doc.size().height()
        top = layout.body.top() + max(0.0, (layout.body.height() - height) / 2)
        blocks = part_blocks(doc)
        doc_layout = doc.documentLayout()
        current = self._current_block(blocks)
        if current is not None:
            rect = doc_layout.blockBoundingRect(current)
            bar = max(4, round(layout.pixel_size * 0.18))
            x = layout.body.left() - bar * 3
            lines = current.layout().boundingRect()  # the text only, without margins
            painter.fillRect(QRectF(x, top + rect.top() + lines.top(), bar, lines.height()),
                             theme.accent)
        painter.save()
        painter.translate(layout.body.left(), top)
        doc.drawContents(painter)
        painter.restore()

    def _current_block(self, blocks: list):
        return blocks[self._step] if 0 <= self._step < len(blocks) else None

    def _paint_footer(self, painter: QPainter, layout: PresenterLayout, theme: Theme) -> None:
        font = QFont()
        font.setPixelSize(max(8, round(layout.footer.height() * 0.6)))
        painter.setFont(font)
        painter.setPen(theme.dimmed)
        painter.drawText(layout.footer,
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.step_label())

    # --- screens ---

    def show_on_best_screen(self, operator: QWidget | None = None) -> None:
        """Full screen on a second screen when there is one; else a normal window."""
        operator_screen = operator.screen() if operator is not None else None
        screen = choose_screen(QGuiApplication.screens(),
                               operator_screen or QGuiApplication.primaryScreen())
        if screen is None:
            self.showNormal()  # a new window comes up on top and active anyway
            return
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()


def default_pledge(event: Event):
    """The shipped template that suits the event's kind (before the organizer chose one)."""
    from pledges.texts import template_text

    key = ("pakta_integritas" if EventKind(event.kind) == EventKind.PAKTA_INTEGRITAS
           else "netralitas_asn_2024")
    return template_text(key, event.institution)


def open_presenter(parent: QWidget | None, store, event: Event,
                   pledge: PledgeLike | None = None) -> PresenterWindow:
    """Show the event's current pledge on the projector and return the window.

    The window belongs to ``parent`` (closed with it) and is deleted when closed."""
    if pledge is None:
        from pledges.texts import event_pledge

        version = event_pledge(store, event.id) if event.id is not None else None
        pledge = version.text if version is not None else default_pledge(event)
    window = PresenterWindow(pledge, event, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show_on_best_screen(parent)
    return window
