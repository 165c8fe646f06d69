//! Photos on screen: a thumbnail from this device's copy when there is one (so it shows
//! offline), else from the server; "photo on its way" until the server has it; a tap opens it
//! full size. And the button that takes or picks a photo.

use crate::i18n::{tr, Msg};
use crate::offline::{self, LocalWriteError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One photo, as a thumbnail that opens full size.
#[component]
pub fn PhotoThumb(sha: String) -> impl IntoView {
    let offline = offline::use_offline();
    let thumb = {
        let sha = sha.clone();
        LocalResource::new(move || offline::photo_src(sha.clone(), true))
    };
    let full = RwSignal::new(None::<String>);
    let waiting = {
        let sha = sha.clone();
        move || offline.unsent_photos.with(|u| u.contains(&sha))
    };
    let open = {
        let sha = sha.clone();
        move |_| {
            let sha = sha.clone();
            spawn_local(async move {
                if let Some((src, _)) = offline::photo_src(sha, false).await {
                    full.set(Some(src));
                }
            });
        }
    };
    view! {
        <span class="photo" data-testid="photo" data-sha=sha.clone()>
            <button type="button" class="photo-open" on:click=open>
                {move || {
                    thumb
                        .get()
                        .flatten()
                        .map(|(src, _)| view! { <img src=src alt="" loading="lazy"/> })
                }}
            </button>
            <Show when=waiting>
                <span class="photo-waiting" data-testid="photo-waiting">{tr(Msg::PhotoOnItsWay)}</span>
            </Show>
            <Show when=move || full.with(Option::is_some)>
                <div class="photo-full" role="dialog" on:click=move |_| full.set(None)>
                    <img src=move || full.get().unwrap_or_default() alt="" data-testid="photo-full"/>
                </div>
            </Show>
        </span>
    }
}

/// "Take or choose a photo": keeps it on the device and calls `on_photo` with its hash.
#[component]
pub fn PhotoButton(
    #[prop(into)] on_photo: Callback<String>,
    error: RwSignal<Option<Msg>>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        busy.set(true);
        spawn_local(async move {
            match offline::keep_photo(ev).await {
                Ok(sha) => {
                    error.set(None);
                    on_photo.run(sha);
                }
                Err(e) => error.set(Some(LocalWriteError::message(e))),
            }
            busy.set(false);
        });
    };
    view! {
        <label class="btn secondary photo-button">
            <span>{move || if busy.get() { tr(Msg::Saving)() } else { tr(Msg::TakePhoto)() }}</span>
            <input
                type="file"
                accept="image/*"
                capture="environment"
                class="visually-hidden"
                data-testid=if testid.is_empty() { "photo-input" } else { testid }
                on:change=picked
            />
        </label>
    }
}
