#include "AttachmentMimeData.h"
#include "AttachmentModel.h"
#include "LocalStore.h"
#include "MetadataCache.h"
#include "SampleDocuments.h"
#include "SyncMonitor.h"
#include "ThumbnailCache.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class TestAttachmentModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void listsAttachmentsWithColumns();
    void refreshKeepsRowsInPlace();
    void thumbnailsReplaceIconsWhenReady();
    void dragOutGivesFilesAndReferences();
    void acceptsOnlyExternalFiles();
    void showsTheCacheThenMergesTheStore();
    void toolTipEscapesTheName();
    void aFailedListingIsNoEmptyRecord();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<SyncMonitor> m_sync;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    const EntityRef m_invoice { EntityType::Invoices, QStringLiteral("4455") };
    QString m_folder;
};

void TestAttachmentModel::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<LocalStore>(m_root->path());
    m_sync = std::make_unique<SyncMonitor>(m_store.get(), nullptr, nullptr);
    m_thumbnails = std::make_unique<ThumbnailCache>(m_root->filePath(QStringLiteral(".cache")));
    m_folder = m_root->filePath(QStringLiteral("Invoices/4455"));
    QDir().mkpath(m_folder);
    QVERIFY(SampleDocuments::writeImage(m_folder + QStringLiteral("/receipt.jpg"), 800, 600, Qt::darkGreen));
    QVERIFY(SampleDocuments::writePdf(m_folder + QStringLiteral("/invoice.pdf"), QStringLiteral("INVOICE")));
    QVERIFY(SampleDocuments::writeText(m_folder + QStringLiteral("/notes.txt"), QByteArray(164391, 'n')));
}

void TestAttachmentModel::listsAttachmentsWithColumns()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    const int notes = model.rowOf(QStringLiteral("notes.txt"));
    QVERIFY(notes >= 0);
    // The size as the locale writes it.
    QCOMPARE(model.index(notes, AttachmentModel::SizeColumn).data().toString(), QStringLiteral("160.5 kB"));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Swedish, QLocale::Sweden));
    const QString swedish = model.index(notes, AttachmentModel::SizeColumn).data().toString();
    const QString swedishTip = model.index(notes, 0).data(Qt::ToolTipRole).toString();
    // The whole year, also where the locale's short format has two digits.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString american = model.index(notes, AttachmentModel::ModifiedColumn).data().toString();
    QLocale::setDefault(before);
    const QDate modified = QFileInfo(m_folder + QStringLiteral("/notes.txt")).lastModified().date();
    QVERIFY2(american.startsWith(QLocale::c().toString(modified, QStringLiteral("M/d/yyyy "))), qPrintable(american));
    QCOMPARE(swedish, QStringLiteral("160,5 kB"));
    QVERIFY2(swedishTip.contains(QStringLiteral("160,5 kB")), qPrintable(swedishTip));
    QCOMPARE(model.index(notes, AttachmentModel::SizeColumn).data(AttachmentModel::SortRole).toLongLong(), 164391);
    QVERIFY(!model.index(notes, AttachmentModel::ModifiedColumn).data().toString().isEmpty());
    QVERIFY(!model.index(notes, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(notes, 0).data(AttachmentModel::AttachmentRefRole).value<AttachmentRef>(),
             (AttachmentRef { m_invoice, QStringLiteral("notes.txt") }));
    QCOMPARE(model.headerData(AttachmentModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
}

void TestAttachmentModel::refreshKeepsRowsInPlace()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    const QPersistentModelIndex receipt = model.index(model.rowOf(QStringLiteral("receipt.jpg")), 0);

    QVERIFY(QFile::remove(m_folder + QStringLiteral("/notes.txt")));
    QVERIFY(SampleDocuments::writeText(m_folder + QStringLiteral("/new.txt"), "new"));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.refresh();
    QVERIFY(loaded.wait());
    QVERIFY(reset.isEmpty());
    QVERIFY(receipt.isValid());
    QCOMPARE(receipt.data().toString(), QStringLiteral("receipt.jpg"));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(QStringLiteral("notes.txt")), -1);
    QVERIFY(model.rowOf(QStringLiteral("new.txt")) >= 0);
}

void TestAttachmentModel::thumbnailsReplaceIconsWhenReady()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    const QModelIndex receipt = model.index(model.rowOf(QStringLiteral("receipt.jpg")), 0);
    const QModelIndex pdf = model.index(model.rowOf(QStringLiteral("invoice.pdf")), 0);
    const QString receiptHash = model.attachmentAt(receipt.row()).contentHash;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The first request starts the work; the rows change when the thumbnails arrive.
    receipt.data(Qt::DecorationRole);
    pdf.data(Qt::DecorationRole);
    QTRY_VERIFY(!m_thumbnails->thumbnail(receiptHash, {}).isNull());
    QTRY_VERIFY(!m_thumbnails->thumbnail(model.attachmentAt(pdf.row()).contentHash, {}).isNull());
    QVERIFY(!changed.isEmpty());
    const QSize receiptSize = receipt.data(Qt::DecorationRole).value<QIcon>().availableSizes().value(0);
    QCOMPARE(receiptSize, QSize(256, 192));
}

void TestAttachmentModel::dragOutGivesFilesAndReferences()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    QCOMPARE(model.supportedDragActions(), Qt::CopyAction);
    const int row = model.rowOf(QStringLiteral("invoice.pdf"));
    std::unique_ptr<QMimeData> data(model.mimeData({ model.index(row, 0), model.index(row, 1) }));
    QCOMPARE(data->urls(), QList<QUrl> { QUrl::fromLocalFile(m_folder + QStringLiteral("/invoice.pdf")) });
    QVERIFY(QFileInfo::exists(data->urls().first().toLocalFile()));
    QCOMPARE(AttachmentMimeData::attachments(data.get()),
             QList<AttachmentRef> { (AttachmentRef { m_invoice, QStringLiteral("invoice.pdf") }) });
}

void TestAttachmentModel::acceptsOnlyExternalFiles()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QMimeData files;
    files.setUrls({ QUrl::fromLocalFile(QStringLiteral("/tmp/x.pdf")) });
    QVERIFY(!model.canDropMimeData(&files, Qt::CopyAction, -1, -1, {}));
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    QVERIFY(model.canDropMimeData(&files, Qt::CopyAction, -1, -1, {}));
    std::unique_ptr<QMimeData> own(model.mimeData({ model.index(0, 0) }));
    QVERIFY(!model.canDropMimeData(own.get(), Qt::CopyAction, -1, -1, {}));
    QSignalSpy dropped(&model, &AttachmentModel::filesDropped);
    QVERIFY(model.dropMimeData(&files, Qt::CopyAction, -1, -1, {}));
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.first().at(1).value<EntityRef>(), m_invoice);
}

void TestAttachmentModel::showsTheCacheThenMergesTheStore()
{
    MetadataCache cache(m_root->filePath(QStringLiteral(".cache.sqlite")));
    QVERIFY(cache.isOpen());
    const QDateTime modified = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    cache.setAttachments(m_store->uri(), m_invoice,
                         { Attachment::describe(QStringLiteral("old.pdf"), 10, modified),
                           Attachment::describe(QStringLiteral("receipt.jpg"), 20, modified) });
    SyncMonitor sync(m_store.get(), &cache, nullptr);
    AttachmentModel model(&sync, m_thumbnails.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);

    // At once: the documents as last seen.
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.rowOf(QStringLiteral("old.pdf")) >= 0);
    const QPersistentModelIndex receipt = model.index(model.rowOf(QStringLiteral("receipt.jpg")), 0);
    QCOMPARE(model.attachmentAt(receipt.row()).lastModifiedDate, modified);

    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(QStringLiteral("old.pdf")), -1);
    QVERIFY(receipt.isValid());
    QCOMPARE(receipt.data().toString(), QStringLiteral("receipt.jpg"));
    QVERIFY(model.attachmentAt(receipt.row()).sizeInBytes > 20);
    QCOMPARE(cache.attachments(m_store->uri(), m_invoice).value_or(QList<Attachment>()).size(), 3);
}

// A name that looks like markup is shown as written in its tool tip (see TestToolTipText), not as markup.
void TestAttachmentModel::toolTipEscapesTheName()
{
    const QString name = QStringLiteral("<b>Draft & <img src=\"receipt.jpg\">.txt");
    QVERIFY(SampleDocuments::writeText(m_folder + QLatin1Char('/') + name, "draft"));
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    model.setEntity(m_invoice);
    QVERIFY(loaded.wait());
    const int row = model.rowOf(name);
    QVERIFY(row >= 0);
    const QString toolTip = model.index(row, AttachmentModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(toolTip.contains(name.toHtmlEscaped()), qPrintable(toolTip));
    QVERIFY2(!toolTip.contains(name), qPrintable(toolTip));
}

void TestAttachmentModel::aFailedListingIsNoEmptyRecord()
{
    AttachmentModel model(m_sync.get(), m_thumbnails.get());
    QSignalSpy loaded(&model, &AttachmentModel::loaded);
    // A record the store cannot list: its folder is gone.
    model.setEntity(EntityRef { EntityType::Invoices, QStringLiteral("4456") });
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.hasListingFailed());

    model.setEntity(m_invoice);
    QVERIFY(!model.hasListingFailed());
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.hasListingFailed());
}

QTEST_MAIN(TestAttachmentModel)
#include "TestAttachmentModel.moc"
