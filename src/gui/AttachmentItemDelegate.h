#pragma once

#include <QStyledItemDelegate>

// Lays out documents around a picture box of one size, whatever the shape of the thumbnail in it: in the grid every
// name gets the cell's full width (a portrait PDF page would otherwise squeeze its name into a few letters), and in
// the details list every name starts at the same place. Long names lose their middle, so the extension stays.
class AttachmentItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    AttachmentItemDelegate(const QSize& iconSize, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // In a grid, every document's cell: the style would make each as tall as its own name, so that a long name
    // next to a short one got fewer lines than the cell has room for.
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // A name the user has begun to edit stays as typed when the row changes meanwhile (a thumbnail arriving).
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;

    // The name as it fits in `lines` lines of `width` pixels, wrapped as the grid wraps it: whole, or without a
    // piece of its middle, so that its end and extension still show. The style would cut the last line's end.
    static QString fittedName(const QString& name, const QFont& font, int width, int lines);
    // The lines text takes at that width, wrapped as QCommonStyle wraps an item's text.
    static int wrappedLines(const QString& text, const QFont& font, int width);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    QSize m_iconSize;
};
