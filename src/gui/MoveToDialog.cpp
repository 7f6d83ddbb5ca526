#include "MoveToDialog.h"
#include "ui_MoveToDialog.h"

#include "EntityTreeModel.h"

#include <QPushButton>
#include <QSortFilterProxyModel>

MoveToDialog::MoveToDialog(EntityTreeModel* entities, int documentCount, const EntityRef& from, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MoveToDialog>())
    , m_entities(entities)
    , m_filter(new QSortFilterProxyModel(this))
    , m_from(from)
{
    m_ui->setupUi(this);
    // Named for what it does.
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Move"));
    m_ui->promptLabel->setText(
        tr("Move %n document(s) from %1 to:", nullptr, documentCount)
            .arg(EntityTypes::entityTitle(from.type, from.id, EntityTypes::Wording::InSentence)));
    m_filter->setSourceModel(entities);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->entityTree->setModel(m_filter);
    for (int column = EntityTreeModel::CountColumn; column < EntityTreeModel::ColumnCount; ++column)
        m_ui->entityTree->hideColumn(column);
    m_ui->entityTree->expandAll();
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterFixedString(text);
        m_ui->entityTree->expandAll();
    });
    connect(m_ui->entityTree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MoveToDialog::update);
    connect(m_ui->entityTree, &QTreeView::doubleClicked, this, [this] {
        if (m_ui->buttonBox->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });
    update();
}

MoveToDialog::~MoveToDialog() = default;

EntityRef MoveToDialog::target() const
{
    return m_ui->entityTree->currentIndex().data(EntityTreeModel::EntityRefRole).value<EntityRef>();
}

void MoveToDialog::selectTarget(const EntityRef& entity)
{
    m_ui->entityTree->setCurrentIndex(m_filter->mapFromSource(m_entities->indexOf(entity)));
}

void MoveToDialog::update()
{
    const EntityRef ref = target();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!ref.id.isEmpty() && ref != m_from);
}
