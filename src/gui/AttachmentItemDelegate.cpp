#include "AttachmentItemDelegate.h"

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
