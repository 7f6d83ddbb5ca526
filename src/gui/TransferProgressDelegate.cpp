#include "TransferProgressDelegate.h"

#include "TransferModel.h"

#include <QApplication>
#include <QStyleOptionProgressBar>

void TransferProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex());
    const int percent = index.data(TransferModel::PercentRole).toInt();
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.minimum = 0;
    // An unknown size shows as a busy bar.
    bar.maximum = percent < 0 ? 0 : 100;
    bar.progress = qMax(0, percent);
    bar.text = percent < 0 ? QString() : QStringLiteral("%1%").arg(percent);
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    const QWidget* widget = option.widget;
    (widget ? widget->style() : QApplication::style())->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}
