// ViewPlaceholder: the note an empty item view shows in its middle, and that gives way to the first row.

#include "ViewPlaceholder.h"

#include <QImage>
#include <QListView>
#include <QPaintEvent>
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
    void theFirstRowRepaintsTheWholeView_data() { showsTheNoteOnlyWhileTheViewIsEmpty_data(); }
    void theFirstRowRepaintsTheWholeView();
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
// Records the region of every paint.
class PaintSpy : public QObject
{
public:
    explicit PaintSpy(QList<QRect>* painted)
        : m_painted(painted)
    { }

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            m_painted->append(static_cast<QPaintEvent*>(event)->rect());
        return false;
    }

private:
    QList<QRect>* m_painted;
};

// The data row's kind of view, 400×300, on the model.
std::unique_ptr<QAbstractItemView> viewOf(QStandardItemModel* model)
{
    QFETCH(bool, tree);
    std::unique_ptr<QAbstractItemView> view;
    if (tree)
        view = std::make_unique<QTreeView>();
    else
        view = std::make_unique<QListView>();
    view->setModel(model);
    view->resize(400, 300);
    return view;
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
    QStandardItemModel model;
    const std::unique_ptr<QAbstractItemView> view = viewOf(&model);
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

// What the note relies on: were only the new row's place repainted, the rest of the note would stay on screen.
void TestViewPlaceholder::theFirstRowRepaintsTheWholeView()
{
    QStandardItemModel model;
    const std::unique_ptr<QAbstractItemView> view = viewOf(&model);
    auto* placeholder = new ViewPlaceholder(view.get());
    placeholder->setText(u"No documents yet."_s);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QList<QRect> painted;
    PaintSpy spy(&painted);
    view->viewport()->installEventFilter(&spy);
    // Painted with the note, and nothing waiting.
    view->viewport()->repaint();
    painted.clear();

    model.appendRow(new QStandardItem(u"receipt.pdf"_s));
    QTRY_VERIFY(painted.contains(view->viewport()->rect()));
}

QTEST_MAIN(TestViewPlaceholder)
#include "TestViewPlaceholder.moc"
