export function FlashMessage({ message }: { message: string }) {
  return (
    <div className="container">
      <p className="flash" role="status">
        {message}
      </p>
    </div>
  )
}
