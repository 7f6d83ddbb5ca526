// AttachmentItemDelegate: documents laid out around a picture box of one size, whatever their thumbnail's shape.

#include "AttachmentItemDelegate.h"

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
    void everyPictureGetsTheSameBox_data();
    void everyPictureGetsTheSameBox();
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

QTEST_MAIN(TestAttachmentItemDelegate)
#include "TestAttachmentItemDelegate.moc"
