#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

// A strip at the top of the window for routine news and errors, instead of a pop-up per event.
// Information hides itself after a while; errors stay until closed or replaced.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind = Kind::Information);
    // Hides the message if it is still the one shown: news that no longer holds, and nothing that replaced it.
    void withdraw(const QString& text);
    QString text() const;
    Kind kind() const { return m_kind; }
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    QTimer m_autoHide;
    Kind m_kind = Kind::Information;
};
