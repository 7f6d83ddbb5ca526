#pragma once

#include "EmulatorResponse.h"

#include <QString>

// The pages an emulator shows in a browser (consent, errors, "connected"): plain HTML, but titled and in the
// language of the service they stand in for, as the sign-in browser shows that title.
class EmulatorHtmlPage
{
public:
    // `service` ends every title ("Aktivering - Fortnox"), none when empty; `language` is the page's lang
    // attribute, none when empty.
    explicit EmulatorHtmlPage(const QString& service = {}, const QString& language = {});

    // A page around `body`, which is HTML already; the title is text.
    EmulatorResponse page(int status, const QString& title, const QString& body) const;
    // A page that says one thing: a heading and a paragraph, both text, the paragraph with the id tests look for.
    EmulatorResponse message(int status, const QString& title, const QString& heading, const QString& paragraphId,
                             const QString& text) const;

private:
    QString m_service;
    QString m_language;
};
