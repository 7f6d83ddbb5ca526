#include "NewEntityDialog.h"
#include "ui_NewEntityDialog.h"

#include "NameRules.h"

#include <QPushButton>

NewEntityDialog::NewEntityDialog(EntityType initialType, std::function<bool(const EntityRef&)> exists, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NewEntityDialog>())
    , m_exists(std::move(exists))
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    // As tall as what it shows: the line that explains a refused key takes room only when there is one.
    layout()->setSizeConstraint(QLayout::SetFixedSize);
    const QList<EntityType> types = EntityTypes::standard();
    for (EntityType type : types)
        m_ui->typeCombo->addItem(EntityTypes::displayName(type), QVariant::fromValue(type));
    m_ui->typeCombo->setCurrentIndex(static_cast<int>(types.indexOf(initialType)));
    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &NewEntityDialog::update);
    connect(m_ui->keyEdit, &QLineEdit::textChanged, this, &NewEntityDialog::update);
    m_ui->keyEdit->setFocus();
    update();
}

NewEntityDialog::~NewEntityDialog() = default;

EntityRef NewEntityDialog::entity() const
{
    return EntityRef { m_ui->typeCombo->currentData().value<EntityType>(), m_ui->keyEdit->text() };
}

void NewEntityDialog::setKey(const QString& key)
{
    m_ui->keyEdit->setText(key);
}

void NewEntityDialog::update()
{
    const EntityRef ref = entity();
    m_ui->keyLabel->setText(tr("&%1:").arg(EntityTypes::keyLabel(ref.type)));
    QString problem = ref.id.isEmpty() ? QString() : NameRules::problem(ref.id);
    if (problem.isEmpty() && !ref.id.isEmpty() && m_exists && m_exists(ref))
        problem = tr("%1 already exists.").arg(EntityTypes::entityTitle(ref.type, ref.id));
    m_ui->problemLabel->setText(problem);
    m_ui->problemLabel->setVisible(!problem.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!ref.id.isEmpty() && problem.isEmpty());
}
