// TransferProgressDelegate: the transfers panel's progress column, drawn as a bar and nothing else.

#include "Transfer.h"
#include "TransferModel.h"
#include "TransferProgressDelegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTest>

class TestTransferProgressDelegate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void drawsTheBarAndNoNumberBesideIt_data();
    void drawsTheBarAndNoNumberBesideIt();
};

namespace {
constexpr int cellWidth = 200;
constexpr int cellHeight = 22;
// The bar's inset from the cell's left edge.
constexpr int inset = 8;

// The cell of a transfer in the state, at the percentage, drawn on white.
QImage drawCell(Transfer::State state, int percent)
{
    QStandardItemModel model(1, 1);
    const QModelIndex index = model.index(0, 0);
    // The number the model shows in the column, which the bar stands for.
    model.setData(index, percent, Qt::DisplayRole);
    model.setData(index, percent, TransferModel::PercentRole);
    model.setData(index, static_cast<int>(state), TransferModel::StateRole);
    QImage image(cellWidth, cellHeight, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = image.rect();
    option.state = QStyle::State_Enabled;
    option.palette = QApplication::palette();
    option.fontMetrics = QFontMetrics(QApplication::font());
    // The cell's text, as the transfers panel's view hands it over.
    option.text = QString::number(percent);
    option.features = QStyleOptionViewItem::HasDisplay;
    TransferProgressDelegate delegate;
    delegate.paint(&painter, option, index);
    return image;
}

// Pixels in the columns [from, to) that are not white.
int inkBetween(const QImage& image, int from, int to)
{
    int ink = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = from; x < to; ++x)
            ink += image.pixel(x, y) != qRgb(255, 255, 255);
    }
    return ink;
}
} // namespace

void TestTransferProgressDelegate::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestTransferProgressDelegate::drawsTheBarAndNoNumberBesideIt_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("percent");
    QTest::addColumn<bool>("bar");
    QTest::newRow("queued") << int(Transfer::State::Queued) << 0 << true;
    QTest::newRow("running") << int(Transfer::State::Running) << 47 << true;
    QTest::newRow("unknown size") << int(Transfer::State::Running) << -1 << true;
    QTest::newRow("done") << int(Transfer::State::Done) << 100 << true;
    QTest::newRow("failed") << int(Transfer::State::Failed) << 30 << false;
    QTest::newRow("cancelled") << int(Transfer::State::Cancelled) << 0 << false;
}

void TestTransferProgressDelegate::drawsTheBarAndNoNumberBesideIt()
{
    QFETCH(int, state);
    QFETCH(int, percent);
    QFETCH(bool, bar);
    const QImage cell = drawCell(static_cast<Transfer::State>(state), percent);
    // Nothing in the margin left of the bar, where the model's number would be drawn.
    QCOMPARE(inkBetween(cell, 0, inset), 0);
    QCOMPARE(inkBetween(cell, inset, cellWidth - inset) > 0, bar);
}

QTEST_MAIN(TestTransferProgressDelegate)
#include "TestTransferProgressDelegate.moc"
