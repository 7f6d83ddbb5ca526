#pragma once

#include <QObject>
#include <QString>

class QAbstractItemView;

// Grey text in the middle of an item view with no rows, saying why it is empty and what to do: an empty white
// area otherwise looks broken. It paints before the view does, which draws nothing where there are no rows.
class ViewPlaceholder : public QObject
{
    Q_OBJECT

public:
    explicit ViewPlaceholder(QAbstractItemView* view);

    QString text() const { return m_text; }
    void setText(const QString& text);
    // Whether the text is in view: set, and the view has no rows.
    bool isShown() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAbstractItemView* m_view;
    QString m_text;
};
