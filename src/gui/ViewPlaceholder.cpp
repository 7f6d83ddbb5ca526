#include "ViewPlaceholder.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QPainter>

ViewPlaceholder::ViewPlaceholder(QAbstractItemView* view)
    : QObject(view)
    , m_view(view)
{
    view->viewport()->installEventFilter(this);
}

void ViewPlaceholder::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_view->viewport()->update();
}

bool ViewPlaceholder::isShown() const
{
    return !m_text.isEmpty() && m_view->model() && m_view->model()->rowCount(m_view->rootIndex()) == 0;
}

bool ViewPlaceholder::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view->viewport() || event->type() != QEvent::Paint)
        return false;
    // The view repaints all of itself when its first row comes, so no part of the note stays behind.
    if (!isShown())
        return false;
    QWidget* viewport = m_view->viewport();
    QPainter painter(viewport);
    painter.setPen(viewport->palette().color(QPalette::PlaceholderText));
    // Kept off the edges, so that it reads as a note rather than as content.
    const int margin = viewport->fontMetrics().height() * 2;
    const QRect area = viewport->rect().adjusted(margin, margin, -margin, -margin);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_text);
    return false;
}
