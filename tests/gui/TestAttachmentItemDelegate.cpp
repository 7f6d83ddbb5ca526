// AttachmentItemDelegate: documents laid out around a picture box of one size, whatever their thumbnail's shape.

#include "AttachmentItemDelegate.h"

#include <QLineEdit>
#include <QListView>
#include <QPixmap>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Shows what the delegate hands the style.
class OpenDelegate : public AttachmentItemDelegate
{
public:
    using AttachmentItemDelegate::AttachmentItemDelegate;
    using AttachmentItemDelegate::initStyleOption;
};

QIcon pictureOf(int width, int height)
{
    QPixmap pixmap(width, height);
    pixmap.fill(Qt::white);
    return QIcon(pixmap);
}
} // namespace

class TestAttachmentItemDelegate : public QObject
{
    Q_OBJECT

private slots:
    void typedNameOutlastsTheRowChanging();
    void everyPictureGetsTheSameBox_data();
    void everyPictureGetsTheSameBox();
    void longNamesKeepTheirEnd_data();
    void longNamesKeepTheirEnd();
    void gridCellsAreAlike();
};

void TestAttachmentItemDelegate::everyPictureGetsTheSameBox_data()
{
    QTest::addColumn<QSize>("box");
    QTest::addColumn<QSize>("picture");
    // The details list: a PDF page scaled into 24×24 is 17 wide, and its name would start 7 pixels left of the rest.
    QTest::newRow("details, portrait page") << QSize(24, 24) << QSize(17, 24);
    QTest::newRow("details, wide photo") << QSize(24, 24) << QSize(24, 12);
    QTest::newRow("grid, portrait page") << QSize(128, 96) << QSize(68, 96);
    QTest::newRow("grid, file icon") << QSize(128, 96) << QSize(48, 48);
}

void TestAttachmentItemDelegate::everyPictureGetsTheSameBox()
{
    QFETCH(QSize, box);
    QFETCH(QSize, picture);
    QStandardItemModel model;
    auto* item = new QStandardItem(pictureOf(picture.width(), picture.height()),
                                   u"Kvitto för kontorsmaterial – mars 2026 (kopia).pdf"_s);
    model.appendRow(item);
    OpenDelegate delegate(box);
    QStyleOptionViewItem option;
    option.decorationSize = box;
    option.textElideMode = Qt::ElideRight;
    delegate.initStyleOption(&option, model.index(0, 0));
    QCOMPARE(option.decorationSize, box);
    // A long name loses its middle, so that the extension still shows.
    QCOMPARE(option.textElideMode, Qt::ElideMiddle);
}

void TestAttachmentItemDelegate::longNamesKeepTheirEnd_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("lines");
    QTest::addColumn<bool>("whole");
    QTest::newRow("short") << u"receipt.pdf"_s << 3 << true;
    QTest::newRow("words")
        << u"Kvitto för kontorsmaterial och tryckta blanketter till kontoret – mars 2026 (kopia).pdf"_s << 3 << false;
    QTest::newRow("one long word") << u"invoice-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-2026.pdf"_s << 2
                                   << false;
    QTest::newRow("one line") << u"Leverantörsfaktura Telia mars 2026.pdf"_s << 1 << false;
    QTest::newRow("no extension") << u"Leverantörsfaktura Telia mars 2026 och april 2026 och maj 2026"_s << 2 << false;
}

void TestAttachmentItemDelegate::longNamesKeepTheirEnd()
{
    QFETCH(QString, name);
    QFETCH(int, lines);
    QFETCH(bool, whole);
    const QFont font;
    const int width = 140;
    const QString fitted = AttachmentItemDelegate::fittedName(name, font, width, lines);
    if (whole) {
        QCOMPARE(fitted, name);
        return;
    }
    QVERIFY2(fitted.size() < name.size(), qPrintable(fitted));
    QVERIFY2(fitted.contains(QChar(0x2026)), qPrintable(fitted));
    QVERIFY2(fitted.endsWith(name.right(5)), qPrintable(fitted));
    QVERIFY(fitted.startsWith(name.left(3)));
    // Within the lines, wrapped as the grid wraps it.
    const int used = AttachmentItemDelegate::wrappedLines(fitted, font, width);
    QVERIFY2(used <= lines, qPrintable(u"%1 lines: %2"_s.arg(used).arg(fitted)));
}

// The view sets the editor's text again whenever the row changes (a thumbnail arriving): what the user typed stays.
void TestAttachmentItemDelegate::typedNameOutlastsTheRowChanging()
{
    QStandardItemModel model;
    model.appendRow(new QStandardItem(QStringLiteral("scan.pdf")));
    const AttachmentItemDelegate delegate(QSize(64, 64));
    QLineEdit editor;
    delegate.setEditorData(&editor, model.index(0, 0));
    QCOMPARE(editor.text(), QStringLiteral("scan.pdf"));
    editor.selectAll();
    QTest::keyClicks(&editor, QStringLiteral("Kvitto"));
    delegate.setEditorData(&editor, model.index(0, 0));
    QCOMPARE(editor.text(), QStringLiteral("Kvitto"));
}

// In the grid every name gets the same room, however long its neighbours' names are: the style would make each
// cell as tall as its own name, and a long name among short ones got a single line.
void TestAttachmentItemDelegate::gridCellsAreAlike()
{
    QStandardItemModel model;
    for (const QString& name : { u"scan.png"_s, u"fotografi från mötet i Göteborg.jpeg"_s,
                                 u"Leverantörsfaktura från Kontorsvaruhuset AB (slutlig).txt"_s })
        model.appendRow(new QStandardItem(pictureOf(128, 96), name));
    QListView view;
    view.setViewMode(QListView::IconMode);
    view.setWordWrap(true);
    view.setIconSize(QSize(128, 96));
    view.setGridSize(QSize(150, 160));
    view.setItemDelegate(new AttachmentItemDelegate(QSize(128, 96), &view));
    view.setModel(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect first = view.visualRect(model.index(0, 0));
    for (int row = 1; row < model.rowCount(); ++row)
        QCOMPARE(view.visualRect(model.index(row, 0)).size(), first.size());
    QVERIFY2(first.height() > 150, qPrintable(QString::number(first.height())));
}

QTEST_MAIN(TestAttachmentItemDelegate)
#include "TestAttachmentItemDelegate.moc"
