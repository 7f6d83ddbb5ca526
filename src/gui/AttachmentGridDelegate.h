#pragma once

#include <QStyledItemDelegate>

// Lays out the thumbnail grid on fixed cells: every name gets the cell's full width, whatever the
// shape of its thumbnail (a portrait PDF page would otherwise squeeze its name into a few letters).
class AttachmentGridDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    AttachmentGridDelegate(const QSize& iconSize, QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    QSize m_iconSize;
};
