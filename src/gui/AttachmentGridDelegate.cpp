#include "AttachmentGridDelegate.h"

AttachmentGridDelegate::AttachmentGridDelegate(const QSize& iconSize, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_iconSize(iconSize)
{ }

void AttachmentGridDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The style wraps the name to the decoration's width; make that the cell's, not the picture's.
    option->decorationSize = m_iconSize;
    option->textElideMode = Qt::ElideMiddle;
}
