#pragma once

#include <QStyledItemDelegate>

// Draws the progress column of the transfers panel as a progress bar.
class TransferProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
