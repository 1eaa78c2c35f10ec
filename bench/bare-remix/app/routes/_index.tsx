export default function Empty() {
  return <h1>Vide</h1>
}
