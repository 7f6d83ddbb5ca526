#include "SignInBrowserDialog.h"
#include "ui_SignInBrowserDialog.h"

#include "SignInPage.h"

#include <QIcon>
#include <QPushButton>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>

using namespace Qt::StringLiterals;

namespace {

QStringList withStartHost(QStringList hosts, const QUrl& startUrl)
{
    hosts.append(startUrl.host());
    return hosts;
}

} // namespace

SignInBrowserDialog::SignInBrowserDialog(const QUrl& startUrl, const QUrl& redirectUri, const QStringList& allowedHosts,
                                         QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInBrowserDialog>())
    // No storage name: off the record, so cookies and cache stay in memory and go with the dialog.
    , m_profile(std::make_unique<QWebEngineProfile>())
    , m_page(std::make_unique<SignInPage>(redirectUri, withStartHost(allowedHosts, startUrl), m_profile.get()))
{
    m_ui->setupUi(this);
    m_ui->webView->setPage(m_page.get());
    m_ui->progressBar->hide();
    // Enter belongs to the page's forms: it must never cancel the sign-in.
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_ui->webView->setFocus();

    connect(m_page.get(), &SignInPage::urlChanged, this, &SignInBrowserDialog::showAddress);
    connect(m_page.get(), &SignInPage::redirected, this, &SignInBrowserDialog::finishWith);
    connect(m_page.get(), &SignInPage::refused, this, &SignInBrowserDialog::showRefusal);
    connect(m_page.get(), &SignInPage::loadStarted, this, [this] {
        m_ui->statusLabel->clear();
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->show();
    });
    connect(m_page.get(), &SignInPage::loadProgress, m_ui->progressBar, &QProgressBar::setValue);
    connect(m_page.get(), &SignInPage::loadFinished, this, [this](bool ok) {
        m_ui->progressBar->hide();
        if (!ok && m_ui->statusLabel->text().isEmpty() && m_redirectUrl.isEmpty())
            m_ui->statusLabel->setText(tr("The page could not be loaded."));
    });

    connect(m_page.get(), &SignInPage::loadingChanged, this, [this](const QWebEngineLoadingInfo& info) {
        if (!m_redirectUrl.isEmpty())
            return;
        if (info.status() == QWebEngineLoadingInfo::LoadSucceededStatus)
            emit pageLoaded(info.url());
        else if (info.status() == QWebEngineLoadingInfo::LoadFailedStatus)
            emit pageFailed(info.url());
    });

    load(startUrl);
}

void SignInBrowserDialog::load(const QUrl& url)
{
    showAddress(url);
    m_page->load(url);
}

SignInBrowserDialog::~SignInBrowserDialog() = default;

void SignInBrowserDialog::showAddress(const QUrl& url)
{
    m_ui->hostLabel->setText(u"<b>%1</b>"_s.arg(url.host().toHtmlEscaped()));
    // Named as in the freedesktop themes (Adwaita), then as in others (Breeze).
    QIcon icon;
    if (url.scheme() == "https"_L1) {
        m_ui->securityLabel->setText(tr("Secure connection"));
        icon = QIcon::fromTheme(u"channel-secure-symbolic"_s, QIcon::fromTheme(u"security-high"_s));
    } else if (SignInPage::isLoopback(url.host())) {
        m_ui->securityLabel->setText(tr("On this computer"));
        icon = QIcon::fromTheme(u"computer-symbolic"_s, QIcon::fromTheme(u"computer"_s));
    } else {
        m_ui->securityLabel->setText(tr("Not encrypted"));
        icon = QIcon::fromTheme(u"channel-insecure-symbolic"_s, QIcon::fromTheme(u"security-low"_s));
    }
    const int size = m_ui->hostLabel->fontMetrics().height();
    m_ui->securityIcon->setPixmap(icon.pixmap(size, size));
    m_ui->securityIcon->setVisible(!icon.isNull());
}

void SignInBrowserDialog::finishWith(const QUrl& url)
{
    // A page can head for the redirect more than once (a script and a link, say): answer once.
    if (!m_redirectUrl.isEmpty())
        return;
    m_redirectUrl = url;
    emit redirected(url);
    // Whoever handled the redirect may have closed the dialog already.
    if (isVisible())
        accept();
}

void SignInBrowserDialog::showRefusal(const QUrl& url)
{
    m_ui->statusLabel->setText(m_page->isAllowedHost(url.host())
                                   ? tr("Did not open %1: the connection would not be encrypted.").arg(url.host())
                                   : tr("Did not open %1: it is not part of this sign-in.").arg(url.host()));
}
