#include "TransferProgressDelegate.h"

#include "Transfer.h"
#include "TransferModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

void TransferProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // The cell's background and selection, without the model's number, which would show beside the bar.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    // A failed or cancelled transfer has no progress to show: its status says what happened.
    const auto state = static_cast<Transfer::State>(index.data(TransferModel::StateRole).toInt());
    if (state == Transfer::State::Failed || state == Transfer::State::Cancelled)
        return;
    const int percent = index.data(TransferModel::PercentRole).toInt();
    QStyleOptionProgressBar bar;
    // The row's own palette, font and direction, so the percentage is drawn like the rest of the row.
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    bar.direction = option.direction;
    // Clear of the text of the columns either side (Action, Status), which would otherwise seem to run into it.
    bar.rect = option.rect.adjusted(8, 2, -8, -2);
    bar.minimum = 0;
    // An unknown size shows as a busy bar.
    bar.maximum = percent < 0 ? 0 : 100;
    bar.progress = qMax(0, percent);
    bar.text = percent < 0 ? QString() : QStringLiteral("%1%").arg(percent);
    bar.textVisible = true;
    // In the middle of the bar: some styles put left-aligned text beside it, outside the cell.
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    // Qt 6.4's Fusion draws an empty bar's indicator one pixel left of the bar.
    painter->save();
    painter->setClipRect(bar.rect, Qt::IntersectClip);
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    painter->restore();
}
