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

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    QSize m_iconSize;
};
