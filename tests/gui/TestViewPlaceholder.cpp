// ViewPlaceholder: the note an empty item view shows in its middle, and that gives way to the first row.

#include "ViewPlaceholder.h"

#include <QImage>
#include <QListView>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestViewPlaceholder : public QObject
{
    Q_OBJECT

private slots:
    void showsTheNoteOnlyWhileTheViewIsEmpty_data();
    void showsTheNoteOnlyWhileTheViewIsEmpty();
};

namespace {
// Pixels in the middle band of the view's drawing (the rows start at the top, the note sits in the middle) that
// are not the view's background.
int inkInTheMiddle(QAbstractItemView* view)
{
    const QImage image = view->viewport()->grab().toImage();
    const QRgb background = view->viewport()->palette().color(QPalette::Base).rgb();
    int ink = 0;
    for (int y = image.height() * 2 / 5; y < image.height() * 3 / 5; ++y) {
        for (int x = 0; x < image.width(); ++x)
            ink += image.pixel(x, y) != background ? 1 : 0;
    }
    return ink;
}
} // namespace

void TestViewPlaceholder::showsTheNoteOnlyWhileTheViewIsEmpty_data()
{
    QTest::addColumn<bool>("tree");
    QTest::newRow("tree") << true;
    QTest::newRow("list") << false;
}

void TestViewPlaceholder::showsTheNoteOnlyWhileTheViewIsEmpty()
{
    QFETCH(bool, tree);
    std::unique_ptr<QAbstractItemView> view;
    if (tree)
        view = std::make_unique<QTreeView>();
    else
        view = std::make_unique<QListView>();
    QStandardItemModel model;
    view->setModel(&model);
    view->resize(400, 300);
    auto* placeholder = new ViewPlaceholder(view.get());
    QCOMPARE(placeholder->parent(), view.get());

    QVERIFY(!placeholder->isShown());
    QCOMPARE(inkInTheMiddle(view.get()), 0);

    placeholder->setText(u"No documents yet."_s);
    QVERIFY(placeholder->isShown());
    QVERIFY(inkInTheMiddle(view.get()) > 0);

    model.appendRow(new QStandardItem(u"receipt.pdf"_s));
    QVERIFY(!placeholder->isShown());
    QCOMPARE(inkInTheMiddle(view.get()), 0);

    model.clear();
    QVERIFY(placeholder->isShown());
    QVERIFY(inkInTheMiddle(view.get()) > 0);
}

QTEST_MAIN(TestViewPlaceholder)
#include "TestViewPlaceholder.moc"
