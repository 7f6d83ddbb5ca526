// ToolTipText: tool tips that show names from users and servers as they are written, never as markup.

#include "ToolTipText.h"

#include <QTest>
#include <QTextDocument>

class TestToolTipText : public QObject
{
    Q_OBJECT

private slots:
    void showsTheTextAsWritten_data();
    void showsTheTextAsWritten();
};

namespace {
// The text a tool tip shows: QToolTip takes what looks like markup as markup.
QString shownAsToolTip(const QString& toolTip)
{
    if (!Qt::mightBeRichText(toolTip))
        return toolTip;
    QTextDocument document;
    document.setHtml(toolTip);
    return document.toPlainText();
}
} // namespace

void TestToolTipText::showsTheTextAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("invoice.pdf");
    QTest::newRow("markup") << QStringLiteral("<b>Bold</b> & <i>co</i>.pdf");
    QTest::newRow("picture") << QStringLiteral("<img src=\"/etc/hostname\">.png");
    QTest::newRow("entity") << QStringLiteral("A&amp;B &lt;1&gt;.pdf");
    QTest::newRow("lines") << QStringLiteral("receipt <1>.jpg\n12 KB · 1 March 2026");
    QTest::newRow("spaces") << QStringLiteral("two  spaces.pdf");
    QTest::newRow("empty") << QString();
}

void TestToolTipText::showsTheTextAsWritten()
{
    QFETCH(QString, text);
    const QString toolTip = ToolTipText::fromPlainText(text);
    QCOMPARE(shownAsToolTip(toolTip), text);
    // Text that could not be taken for markup is left as it is, to wrap as plain text does (and to stay empty).
    if (!text.contains(u'<') && !text.contains(u'&'))
        QCOMPARE(toolTip, text);
    // Without it, the markup rows would show otherwise.
    QCOMPARE(shownAsToolTip(text) == text, !Qt::mightBeRichText(text));
}

QTEST_MAIN(TestToolTipText)
#include "TestToolTipText.moc"
