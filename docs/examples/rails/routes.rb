# config/routes.rb
Rails.application.routes.draw do
  # app/views/pwa/* served at the root, so the worker's scope is the whole app.
  get "service-worker" => "rails/pwa#service_worker", as: :pwa_service_worker
  get "manifest" => "rails/pwa#manifest", as: :pwa_manifest

  resources :messages
end
