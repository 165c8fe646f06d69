//! The i18n layer: every UI text is a [`Msg`] with a zh-CN and an English text, so that a
//! missing translation is a compile error and no literal is scattered in components.
//!
//! zh-CN is the default whatever the browser's `Accept-Language` says; the user's choice is
//! kept in the `butler_lang` cookie so that the server renders the language the browser then
//! hydrates (a copy lives in local storage for the offline shell). A table of static strings
//! matched by enum keeps the WASM small; texts with a value in them use `{n}` and
//! [`Msg::with`].

mod messages;

use leptos::prelude::*;
pub use messages::Msg;

/// The UI language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

/// The cookie that keeps the language choice.
pub const LANG_COOKIE: &str = "butler_lang";

impl Lang {
    /// The BCP 47 tag, used in the cookie and in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Reads a tag; anything unknown is the default, zh-CN.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::ZhCn
        }
    }

    /// Finds the language in a `Cookie` header value (`a=1; butler_lang=en`).
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.trim() == LANG_COOKIE)
            .map(|(_, v)| Lang::from_tag(v))
            .unwrap_or_default()
    }

    /// The other language: what the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }
}

impl Msg {
    /// The text with `{n}` replaced by a value.
    pub fn with(self, lang: Lang, n: impl std::fmt::Display) -> String {
        self.text(lang).replace("{n}", &n.to_string())
    }
}

/// The language in force, provided as context by the app's root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The current language; switching it re-renders every text.
    pub lang: RwSignal<Lang>,
}

/// The i18n context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for a view: `{tr(Msg::SignIn)}`.
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_i18n().lang;
    move || msg.text(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_defaults_to_chinese_and_reads_the_cookie() {
        assert_eq!(Lang::from_cookie_header(""), Lang::ZhCn);
        assert_eq!(Lang::from_cookie_header("x=1; butler_lang=en"), Lang::En);
        assert_eq!(Lang::from_cookie_header("butler_lang=zh-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_cookie_header("butler_lang=fr"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
    }

    #[test]
    fn texts_with_a_value_fill_it_in() {
        assert!(Msg::SignInThrottled.with(Lang::En, 15).contains("15"));
        assert!(!Msg::SignInThrottled.with(Lang::ZhCn, 15).contains("{n}"));
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for m in Msg::ALL {
            assert!(!m.text(Lang::ZhCn).is_empty(), "{m:?} has no Chinese");
            assert!(!m.text(Lang::En).is_empty(), "{m:?} has no English");
        }
    }
}
