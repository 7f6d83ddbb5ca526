#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QStyle>
#include <QToolButton>

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    // As tall as its text, never a share of the window's spare height (see sizeHint()).
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    // Messages carry names and text from servers, which are never markup.
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_autoHide.setSingleShot(true);
    m_autoHide.setInterval(8000);
    connect(&m_autoHide, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    m_text->setText(text);
    const bool isError = kind == Kind::Error;
    const QIcon icon = style()->standardIcon(isError ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation);
    m_icon->setPixmap(icon.pixmap(20, 20));
    QPalette colors = palette();
    colors.setColor(QPalette::Window, isError ? QColor(0xfd, 0xe7, 0xe7) : QColor(0xe6, 0xf0, 0xfb));
    colors.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    setPalette(colors);
    show();
    if (isError)
        m_autoHide.stop();
    else
        m_autoHide.start();
}

void MessageBar::withdraw(const QString& text)
{
    if (!text.isEmpty() && m_text->text() == text)
        hide();
}

QSize MessageBar::sizeHint() const
{
    // A wrapping label's own hint breaks a short message into narrow lines, and the window's layout does not ask
    // for the height at the width the bar has: the hint says it.
    QSize hint = QFrame::sizeHint();
    const int height = width() > 0 ? heightForWidth(width()) : -1;
    if (height >= 0)
        hint.setHeight(height);
    return hint;
}

void MessageBar::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateGeometry();
}

QString MessageBar::text() const
{
    return isVisible() ? m_text->text() : QString();
}
