#include "AttachmentItemDelegate.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QTextLayout>

#include <algorithm>

AttachmentItemDelegate::AttachmentItemDelegate(const QSize& iconSize, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_iconSize(iconSize)
{ }

void AttachmentItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The style places and wraps the name by the decoration's size; make that the box's, not the picture's.
    option->decorationSize = m_iconSize;
    option->textElideMode = Qt::ElideMiddle;
}

int AttachmentItemDelegate::wrappedLines(const QString& text, const QFont& font, int width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    int lines = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        ++lines;
    }
    layout.endLayout();
    return lines;
}

QString AttachmentItemDelegate::fittedName(const QString& name, const QFont& font, int width, int lines)
{
    if (width <= 0 || lines <= 0 || wrappedLines(name, font, width) <= lines)
        return name;
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const qsizetype extension = dot > 0 ? name.size() - dot : 0;
    const auto shortened = [&name, extension](qsizetype kept) -> QString {
        // A third of what is kept comes from the end, and never less than the extension with a letter before it.
        const qsizetype tail = std::min(kept, std::max(kept / 3, extension + 1));
        return name.left(kept - tail) + QChar(0x2026) + name.right(tail);
    };
    // The most characters that still fit.
    qsizetype fits = 0;
    qsizetype tooMany = name.size();
    while (tooMany - fits > 1) {
        const qsizetype kept = (fits + tooMany) / 2;
        if (wrappedLines(shortened(kept), font, width) <= lines)
            fits = kept;
        else
            tooMany = kept;
    }
    return shortened(fits);
}

QSize AttachmentItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto* view = qobject_cast<const QListView*>(option.widget);
    if (!view || view->viewMode() != QListView::IconMode || !view->gridSize().isValid())
        return QStyledItemDelegate::sizeHint(option, index);
    // A little short of the cell, so that neighbours' selections do not touch.
    constexpr int gap = 2;
    return view->gridSize() - QSize(2 * gap, 2 * gap);
}

void AttachmentItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QWidget* widget = item.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    if (item.features.testFlag(QStyleOptionViewItem::WrapText)
        && item.decorationPosition == QStyleOptionViewItem::Top) {
        // The room under the picture box, less the margins the style keeps.
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const int height = item.rect.height() - m_iconSize.height() - 2 * margin;
        item.text = fittedName(item.text, item.font, item.rect.width() - 2 * margin,
                               height / QFontMetrics(item.font).lineSpacing());
    }
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
}

void AttachmentItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (const auto* line = qobject_cast<QLineEdit*>(editor); line && line->isModified())
        return;
    QStyledItemDelegate::setEditorData(editor, index);
}
